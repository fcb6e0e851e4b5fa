/**
 * Who a request or socket is within its workshop: the identity whose secret it presents. Used by
 * the HTTP middleware (`X-Identity`) and the sync endpoint (`?identity=`) alike, after the link
 * token has been checked. A secret that is malformed, names no identity of this workshop, or does
 * not match: `invalid_identity` (the client then asks for a new identity, once).
 */
import { INVALID_IDENTITY } from '@quartierboard/shared'
import type { BoardStore } from '../store/board-store.js'
import { identityIdOfSecret, secretMatches } from './identity-secret.js'

export type IdentityCheck =
  | { ok: true; identityId: string }
  | { ok: false; code: 'missing_identity' | typeof INVALID_IDENTITY; message: string }

export async function checkIdentity(store: BoardStore, workshopId: string, secret: string | null | undefined): Promise<IdentityCheck> {
  if (secret === null || secret === undefined || secret === '') {
    return { ok: false, code: 'missing_identity', message: 'This needs the identity this browser was issued (X-Identity).' }
  }
  const id = identityIdOfSecret(secret)
  const identity = id === null ? undefined : await store.getIdentity(workshopId, id)
  if (!identity || !secretMatches(secret, identity.secretHash)) {
    return { ok: false, code: INVALID_IDENTITY, message: 'This identity is not known in this workshop (any more); ask for a new one.' }
  }
  return { ok: true, identityId: identity.id }
}
