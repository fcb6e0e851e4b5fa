/**
 * The save status shown on the board, derived from our save extension of the sync protocol: after
 * local edits the client sends a save request with a sequence number; the server confirms it once
 * everything sent before it is stored. "Saved" means the newest request is confirmed and nothing was
 * edited since. Pure logic, so it is unit-tested without a socket.
 */
export type SaveState = 'connecting' | 'offline' | 'saving' | 'saved' | 'failed'

export class SaveTracker {
  private lastRequested = 0
  private lastConfirmed = 0
  private editedSinceRequest = false
  private connected = false
  /** True once a connection was made or an attempt failed: from then on "not connected" is "offline". */
  private triedToConnect = false
  private storeFailing = false

  /** A local edit happened. */
  edited(): void {
    this.editedSinceRequest = true
  }

  /** The socket's state changed; `synced` means the first sync exchange is done. */
  connection(synced: boolean): void {
    this.connected = synced
    if (synced) this.triedToConnect = true
  }

  /** A connection attempt ended without (or after) a connection: the server is out of reach for now. */
  connectionLost(): void {
    this.connected = false
    this.triedToConnect = true
  }

  /** Returns the sequence number for a save request about to be sent. */
  nextRequest(): number {
    this.editedSinceRequest = false
    this.lastRequested += 1
    return this.lastRequested
  }

  confirmed(seq: number): void {
    this.lastConfirmed = Math.max(this.lastConfirmed, seq)
    if (this.lastConfirmed >= this.lastRequested) this.storeFailing = false
  }

  failed(): void {
    this.storeFailing = true
  }

  get state(): SaveState {
    if (!this.connected) return this.triedToConnect || this.editedSinceRequest ? 'offline' : 'connecting'
    if (this.storeFailing) return 'failed'
    if (this.editedSinceRequest || this.lastConfirmed < this.lastRequested) return 'saving'
    return 'saved'
  }
}
