/** Test support: identities issued by a real server, and stock providers that present one. */
import { WebSocket as WebSocketPolyfill } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { IDENTITY_HEADER, IssuedIdentity, type Role } from '@quartierboard/shared'
import { as, type CreatedWorkshop } from './test-server.js'

/** Asks the server for a new identity with the link of `role` (participant unless told otherwise). */
export async function issueIdentity(httpUrl: string, workshop: CreatedWorkshop, role: Role = 'participant'): Promise<IssuedIdentity> {
  const response = await fetch(`${httpUrl}/api/workshops/${workshop.id}/identities`, { method: 'POST', headers: as(workshop, role) })
  if (response.status !== 201) throw new Error(`issuing an identity failed: ${response.status} ${await response.text()}`)
  return IssuedIdentity.parse(await response.json())
}

/** Headers of a request with the link of `role` that acts for `identity`. */
export function asPerson(workshop: CreatedWorkshop, role: Role, identity: Pick<IssuedIdentity, 'secret'>, headers: Record<string, string> = {}): Record<string, string> {
  return as(workshop, role, { ...headers, [IDENTITY_HEADER]: identity.secret })
}

/** A stock y-websocket provider with the token of `role` that presents `identity` (`?identity=`). */
export function connectPerson(wsUrl: string, workshop: CreatedWorkshop, identity: Pick<IssuedIdentity, 'secret'>, role: Role = 'participant', doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(wsUrl, workshop.id, doc, {
    WebSocketPolyfill: WebSocketPolyfill as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: workshop.tokens[role], identity: identity.secret },
  })
}
