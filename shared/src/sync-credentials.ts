/**
 * How a browser hands the sync socket its link token and identity secret without putting them in
 * the URL: browsers print a failed WebSocket's URL in the console (and proxies log it), so our
 * client offers them as WebSocket subprotocols, next to the protocol name `quartierboard`, which
 * the server picks. Stock y-websocket clients keep sending `?token=` (and `?identity=`) in the
 * query, which the server still reads.
 */

/** The subprotocol the server selects when a client offers it. */
export const SYNC_SUBPROTOCOL = 'quartierboard'
const TOKEN_PREFIX = 'qb-token.'
const IDENTITY_PREFIX = 'qb-identity.'
/** What a subprotocol may hold (an HTTP token); our tokens and secrets are base64url with one dot. */
const PROTOCOL_SAFE = /^[A-Za-z0-9._-]+$/

export interface SyncCredentials {
  token: string | null
  identity: string | null
}

/**
 * The subprotocols that carry `credentials`, or null when a value could not travel as one (a
 * mistyped link): then it goes in the query as before, since `new WebSocket` would throw.
 */
export function credentialProtocols(credentials: SyncCredentials): string[] | null {
  const values = [credentials.token, credentials.identity].filter((value): value is string => value !== null)
  if (values.some((value) => !PROTOCOL_SAFE.test(value))) return null
  return [
    SYNC_SUBPROTOCOL,
    ...(credentials.token !== null ? [`${TOKEN_PREFIX}${credentials.token}`] : []),
    ...(credentials.identity !== null ? [`${IDENTITY_PREFIX}${credentials.identity}`] : []),
  ]
}

/** The credentials in a `Sec-WebSocket-Protocol` request header (comma-separated), if any. */
export function credentialsOfProtocols(header: string | undefined): SyncCredentials {
  const offered = (header ?? '').split(',').map((value) => value.trim())
  const valueOf = (prefix: string) => offered.find((value) => value.startsWith(prefix))?.slice(prefix.length) ?? null
  return { token: valueOf(TOKEN_PREFIX), identity: valueOf(IDENTITY_PREFIX) }
}
