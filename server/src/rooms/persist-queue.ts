/**
 * Persist before broadcast, for one room. The room applies an update to its in-memory document
 * (Yjs hands back only what was new, so duplicates are not stored twice) and queues it here. Once
 * per event-loop tick the queue is appended to the store in one transaction; only after that
 * commit are the actions released that let a client see document state: relaying the updates to
 * the other sockets, answering sync requests, confirming saves. Everything that would reveal
 * document state therefore waits for the batch before it ("afterPersisted"), so a crash can never
 * lose an update that any client has seen.
 *
 * If the store fails, the batch stays queued and is retried with back-off; the room keeps its
 * state in memory and tells clients that asked for save status that saving is failing.
 *
 * After `checkpointEveryUpdates` logged updates a checkpoint (the whole document state) is written
 * beside the append path, so that loading replays a bounded number of updates.
 */
import * as Y from 'yjs'
import type { Logger } from '../logger.js'
import type { ServerMetrics } from '../metrics.js'
import type { BoardStore, UpdateToAppend } from '../store/board-store.js'

const MAX_STORE_RETRY_MS = 30_000

/** The room options the queue reads (the room passes its own). */
export interface PersistQueueOptions {
  workshopId: string
  store: BoardStore
  metrics?: ServerMetrics
  checkpointEveryUpdates: number
  /** First retry delay after a failed append; doubles up to 30 s. */
  storeRetryMs?: number
}

export class PersistQueue {
  /** Updates applied in memory, waiting for the next append. */
  private queue: UpdateToAppend[] = []
  /** Actions that reveal document state, waiting until everything before them is stored. */
  private waitingForStore: Array<() => void> = []
  private flushScheduled = false
  private flushing: Promise<void> | null = null
  /** A checkpoint being compressed and written, if any. */
  private checkpointWrite: Promise<void> | null = null
  /** Another checkpoint came due while one was being written. */
  private checkpointAgain = false
  private retryTimer: NodeJS.Timeout | null = null
  private retryDelayMs: number
  private lastSeq: number
  private checkpointSeq: number
  private closed = false
  private failing = false

  /**
   * `lastSeq` and `checkpointSeq` are where the loaded board stands in the store; `onSaveFailing`
   * runs when appends start failing (not again on each failed retry).
   */
  constructor(
    private readonly options: PersistQueueOptions,
    private readonly doc: Y.Doc,
    private readonly logger: Logger,
    private readonly now: () => number,
    lastSeq: number,
    checkpointSeq: number,
    private readonly onSaveFailing: () => void,
  ) {
    this.lastSeq = lastSeq
    this.checkpointSeq = checkpointSeq
    this.retryDelayMs = options.storeRetryMs ?? 1000
  }

  /** Sequence number of the last update known to be in the store. */
  get storedSeq(): number {
    return this.lastSeq
  }

  /** True while the store refuses appends. */
  get saveFailing(): boolean {
    return this.failing
  }

  /** How many applied updates are not stored yet. */
  get unstoredCount(): number {
    return this.queue.length
  }

  /** A checkpoint being written, if any. */
  get checkpointing(): Promise<void> | null {
    return this.checkpointWrite
  }

  /** Queues an update the room applied; `then` (its relay) runs once it is stored. */
  enqueue(update: UpdateToAppend, then: () => void): void {
    this.queue.push(update)
    this.afterPersisted(then)
    this.scheduleFlush()
  }

  /** Runs `action` once every update received so far is stored (at once when nothing is pending). */
  afterPersisted(action: () => void): void {
    if (this.queue.length === 0 && this.flushing === null && !this.failing) {
      action()
      return
    }
    this.waitingForStore.push(action)
    this.scheduleFlush()
  }

  /**
   * Runs `action`, which sends the document itself, once the document holds nothing unstored.
   * Released actions run after an append resolved, and in the microtasks before that, updates can
   * arrive (frames a socket sent while its room was loading are handed over in a promise
   * continuation): then it waits for the next append.
   */
  whenNothingUnstored(action: () => void): void {
    const attempt = () => {
      if (this.queue.length > 0 || this.failing) {
        this.afterPersisted(attempt)
        return
      }
      action()
    }
    this.afterPersisted(attempt)
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.closed || this.retryTimer) return
    this.flushScheduled = true
    setImmediate(() => {
      this.flushScheduled = false
      void this.flush()
    })
  }

  /** Resolves once everything queued is stored and a running checkpoint is written. */
  async idle(): Promise<void> {
    await this.flush()
    await this.checkpointWrite
  }

  /** Appends everything queued in one transaction, then releases what waited for it. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.queue.length > 0 || this.waitingForStore.length > 0 ? this.flush() : undefined))
    this.flushing = this.appendQueued().finally(() => {
      this.flushing = null
    })
    return this.flushing
  }

  private async appendQueued(): Promise<void> {
    const batch = this.queue
    const released = this.waitingForStore
    this.queue = []
    this.waitingForStore = []
    if (batch.length > 0) {
      const stopTimer = this.options.metrics?.storeAppendSeconds.startTimer()
      try {
        this.lastSeq = await this.options.store.appendUpdates(this.options.workshopId, batch)
        stopTimer?.()
      } catch (error) {
        this.queue = [...batch, ...this.queue]
        this.waitingForStore = [...released, ...this.waitingForStore]
        this.onStoreFailure(error)
        return
      }
      this.options.metrics?.updatesAccepted.inc(batch.length)
    }
    this.onStoreRecovered()
    for (const action of released) action()
    if (this.queue.length === 0) this.startCheckpointIfDue()
    if (this.queue.length > 0 || this.waitingForStore.length > 0) this.scheduleFlush()
  }

  private onStoreFailure(error: unknown): void {
    this.options.metrics?.storeAppendFailures.inc()
    this.logger.error({ err: error, retryInMs: this.retryDelayMs }, 'storing updates failed; keeping them in memory')
    if (!this.failing) {
      this.failing = true
      this.onSaveFailing()
    }
    if (this.closed) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.flush()
    }, this.retryDelayMs)
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, MAX_STORE_RETRY_MS)
  }

  private onStoreRecovered(): void {
    if (!this.failing) return
    this.failing = false
    this.retryDelayMs = this.options.storeRetryMs ?? 1000
    this.logger.info('storing updates works again')
  }

  /**
   * Starts a due checkpoint beside the append path: the state is encoded at once (so it matches
   * `lastSeq`), but compressing and writing it are not waited for, so relaying never stalls
   * behind a checkpoint.
   */
  private startCheckpointIfDue(): void {
    if (this.checkpointWrite) {
      // One at a time; the next starts as soon as this one is written, so seeks stay bounded.
      this.checkpointAgain = true
      return
    }
    this.checkpointWrite = this.checkpointIfDue().finally(() => {
      this.checkpointWrite = null
      if (this.checkpointAgain && !this.closed && this.queue.length === 0) {
        this.checkpointAgain = false
        this.startCheckpointIfDue()
      }
    })
  }

  /** Writes a checkpoint of everything stored, however few updates came since the last one (on close). */
  writeFinalCheckpoint(): Promise<void> {
    return this.checkpointIfDue(true)
  }

  /** Writes a checkpoint when enough updates were logged since the last one (or `force`). */
  private async checkpointIfDue(force = false): Promise<void> {
    const pending = this.lastSeq - this.checkpointSeq
    if (pending === 0 || (!force && pending < this.options.checkpointEveryUpdates)) return
    const uptoSeq = this.lastSeq
    try {
      await this.options.store.writeCheckpoint(this.options.workshopId, uptoSeq, Y.encodeStateAsUpdate(this.doc), this.now())
      this.checkpointSeq = uptoSeq
      this.options.metrics?.checkpointsWritten.inc()
    } catch (error) {
      this.logger.error({ err: error }, 'writing a checkpoint failed; the update log still holds everything')
    }
  }

  /** Forgets everything queued and every waiting action (the workshop was deleted). */
  discard(): void {
    this.queue = []
    this.waitingForStore = []
  }

  /** Stops appending and retrying for good; the room is closing. */
  stop(): void {
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
  }
}
