/**
 * Private-note changes the server has not acknowledged yet, kept in localStorage per workshop.
 * Private notes never enter the board document (so not IndexedDB either): without this, a note
 * written during silent brainstorming on a dropped network would be gone after a reload.
 */
import type { TLRecord } from '@tldraw/tldraw'

/** Per note id: its newest state, or null for a removal. */
export type PendingPrivateNotes = Map<string, TLRecord | null>

export class PrivateNotesOutbox {
  private readonly key: string

  constructor(workshopId: string) {
    this.key = `quartierboard.private-notes-outbox.${workshopId}`
  }

  load(): PendingPrivateNotes {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) ?? '[]') as Array<[string, TLRecord | null]>
      return new Map(Array.isArray(stored) ? stored : [])
    } catch {
      return new Map() // unreadable: nothing to resend
    }
  }

  save(pending: PendingPrivateNotes): void {
    if (pending.size === 0) localStorage.removeItem(this.key)
    else localStorage.setItem(this.key, JSON.stringify([...pending]))
  }
}
