/**
 * Silent brainstorming in this browser. While private mode is on, every sticky note created here
 * is flagged private (a tldraw side effect); the binding keeps flagged notes out of the board
 * document and hands their changes here, and they go to the server, which holds them until the
 * reveal. On load, this browser's own private notes come back from the server. The server knows
 * whose they are from the identity secret the API sends.
 *
 * A change the server cannot be reached for stays queued (in localStorage, so a reload keeps it)
 * and is sent again with backoff and when the browser comes back online. If the facilitator
 * revealed meanwhile (the server answers that private mode is off, or that the note is on the
 * board already with an older text), this state goes on the board like any other edit: nothing
 * written in silence is lost.
 */
import { PRIVATE_NOTE_META } from '@quartierboard/shared'
import type { Editor, TLRecord, TLStore } from '@tldraw/tldraw'
import { ApiRequestError } from '../api'
import type { FacilitationApi } from './facilitation-api'
import { PrivateNotesOutbox, type PendingPrivateNotes } from './private-notes-outbox'

/** Typing sends a note's text at most this often. */
const SAVE_DELAY_MS = 300
/** First wait before sending again after the server was out of reach; doubles up to the maximum. */
const RETRY_FIRST_MS = 2000
const RETRY_MAX_MS = 30_000

export class PrivateNotesSync {
  private readonly outbox: PrivateNotesOutbox
  private readonly pending: PendingPrivateNotes
  private timer: ReturnType<typeof setTimeout> | null = null
  private retryDelayMs = RETRY_FIRST_MS
  private flushing = false
  private store: TLStore | null = null

  constructor(
    private readonly api: FacilitationApi,
    workshopId: string,
    private readonly onError: (error: unknown) => void,
  ) {
    this.outbox = new PrivateNotesOutbox(workshopId)
    this.pending = this.outbox.load()
  }

  /** The binding's `onPrivateRecords`: remembers the newest state of each note and sends it soon. */
  readonly onPrivateRecords = (put: TLRecord[], removed: TLRecord['id'][]): void => {
    for (const record of put) this.pending.set(record.id, record)
    for (const id of removed) this.pending.set(id, null)
    this.outbox.save(this.pending)
    this.schedule(SAVE_DELAY_MS)
  }

  /**
   * Puts this browser's private notes into the store (without sending them back): those still
   * queued at once (they are shown offline too), then the server's. Sends what is queued.
   */
  async restore(store: TLStore): Promise<void> {
    this.store = store
    window.removeEventListener('online', this.sendNow)
    window.addEventListener('online', this.sendNow)
    const queued = [...this.pending.values()].filter((record): record is TLRecord => record !== null)
    if (queued.length > 0) store.mergeRemoteChanges(() => store.put(queued))
    this.schedule(0)
    const { records } = await this.api.privateNotes()
    const fromServer = (records as unknown as TLRecord[]).filter((record) => !this.pending.has(record.id))
    if (fromServer.length > 0) store.mergeRemoteChanges(() => store.put(fromServer))
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
    window.removeEventListener('online', this.sendNow)
    if (this.timer) clearTimeout(this.timer)
    void this.flush()
  }

  private readonly sendNow = (): void => {
    this.retryDelayMs = RETRY_FIRST_MS
    this.schedule(0)
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.pending.size === 0) return
    this.timer = setTimeout(() => void this.flush(), delayMs)
  }

  private async flush(): Promise<void> {
    this.timer = null
    if (this.flushing) return
    this.flushing = true
    try {
      for (const [id, record] of [...this.pending]) {
        const outcome = await this.send(id, record)
        if (outcome === 'unreachable') {
          this.schedule(this.retryDelayMs)
          this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_MAX_MS)
          return
        }
        // Done with this state of the note (a newer one may have been queued meanwhile).
        if (this.pending.get(id) === record) this.pending.delete(id)
      }
      this.retryDelayMs = RETRY_FIRST_MS
    } finally {
      this.flushing = false
      this.outbox.save(this.pending)
    }
    this.schedule(SAVE_DELAY_MS) // what was queued while sending
  }

  /** Sends one queued change; a refusal other than "out of reach" ends it (reported, or published). */
  private async send(id: string, record: TLRecord | null): Promise<'done' | 'unreachable'> {
    try {
      if (record) await this.api.savePrivateNote(record as unknown as Record<string, unknown>)
      else await this.api.deletePrivateNote(id)
      return 'done'
    } catch (error) {
      if (!(error instanceof ApiRequestError) || error.status >= 500) return 'unreachable'
      // private_mode_off: the reveal came first and the server never had this note; id_taken: it was
      // revealed with an older text. Either way this newer state goes on the board.
      if (record && (error.code === 'private_mode_off' || error.code === 'id_taken')) this.publish(record)
      else if (record) this.onError(error)
      return 'done'
    }
  }

  /**
   * The reveal came while this state of the note waited: it goes on the board as an ordinary note,
   * over the older text the reveal may have put there. A note deleted here meanwhile stays deleted.
   */
  private publish(record: TLRecord): void {
    const store = this.store
    if (!store?.has(record.id)) return
    const meta = { ...record.meta }
    delete meta[PRIVATE_NOTE_META]
    store.put([{ ...record, meta }])
  }
}
