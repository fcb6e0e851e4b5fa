/** What a room needs of a client's socket: send binary messages, close with a reason. */
export interface RoomSocket {
  send(message: Uint8Array): void
  close(code: number, reason: string): void
}

import type { Role } from '@quartierboard/shared'

/** One client connected to a room. */
export interface RoomConnection {
  /** Unique per socket; recorded as the author of this connection's updates. */
  readonly id: string
  readonly socket: RoomSocket
  /** The identity the client presented (`?identity=`, checked before connecting), or null. Its presence may name only this identity. */
  readonly identityId: string | null
  /** The role of the link the client came with. */
  readonly role: Role
  /** Read-only connections (reviewers, later a locked board) have their document updates dropped. */
  readonly readOnly: boolean
  /** When false, the client's awareness (cursor, name) is not shown to others (reviewers by setting). */
  readonly visibleInPresence: boolean
  /** Awareness client ids this connection has announced; removed when it leaves. */
  readonly awarenessClients: Set<number>
  /** True once the client asked for save confirmations (our own client does; stock clients never). */
  wantsSaveStatus: boolean
  /** The name and colour this connection last showed in presence (to report changes only). */
  shownAs?: string
}

/** What a connection shows of its user in presence (the `user` field of its awareness state). */
export interface PresenceUser {
  userId: string | null
  name: string
  color: string
}
