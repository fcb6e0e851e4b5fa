/**
 * Silent brainstorming in this browser. While private mode is on, every sticky note created here
 * is flagged private (a tldraw side effect); the binding keeps flagged notes out of the board
 * document and hands their changes here, and they go to the server, which holds them until the
 * reveal. On load, this browser's own private notes come back from the server. The server knows
 * whose they are from the identity secret the API sends.
 */
import { PRIVATE_NOTE_META } from '@quartierboard/shared'
import type { Editor, TLRecord, TLStore } from '@tldraw/tldraw'
import type { FacilitationApi } from './facilitation-api'

/** Typing sends a note's text at most this often. */
const SAVE_DELAY_MS = 300

export class PrivateNotesSync {
  private readonly pending = new Map<string, TLRecord | null>()
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly api: FacilitationApi,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The binding's `onPrivateRecords`: remembers the newest state of each note and sends it soon. */
  readonly onPrivateRecords = (put: TLRecord[], removed: TLRecord['id'][]): void => {
    for (const record of put) this.pending.set(record.id, record)
    for (const id of removed) this.pending.set(id, null)
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS)
  }

  /** Puts this browser's private notes from the server into the store (without sending them back). */
  async restore(store: TLStore): Promise<void> {
    const { records } = await this.api.privateNotes()
    if (records.length > 0) store.mergeRemoteChanges(() => store.put(records as unknown as TLRecord[]))
  }

  /**
   * While `isOn()`, notes this person creates get the private flag; notes arriving from the board
   * (the reveal puts everyone's on it) are left as they are. Returns the unregister function.
   */
  flagNewNotes(editor: Editor, isOn: () => boolean): () => void {
    return editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) =>
      source === 'user' && shape.type === 'note' && isOn() ? { ...shape, meta: { ...shape.meta, [PRIVATE_NOTE_META]: true } } : shape,
    )
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    void this.flush()
  }

  private async flush(): Promise<void> {
    this.timer = null
    const batch = [...this.pending]
    this.pending.clear()
    for (const [id, record] of batch) {
      try {
        if (record) await this.api.savePrivateNote(record as unknown as Record<string, unknown>)
        else await this.api.deletePrivateNote(id)
      } catch (error) {
        this.onError(error)
      }
    }
  }
}
