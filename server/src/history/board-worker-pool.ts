/**
 * Board workers: worker threads that run the expensive half of the heavy reads (board-jobs.ts),
 * so that decoding a large board's history never holds up the event loop that serves every
 * workshop's sockets and `/healthz`. Measured before: forty parallel reads of a 3,000-shape board
 * kept `/healthz` waiting 0.8 s on a quiet two-core machine, although no single slice of the work
 * took more than 60 ms (hardening/heavy-reads.test.ts).
 *
 * Jobs wait in one queue and go to the first idle worker. Workers start on the first job and stay
 * (loading tldraw's schema takes a few hundred ms). Each has a heap limit: a job that exhausts it
 * ends that worker and fails alone, with the server and the other jobs untouched, and the next job
 * gets a fresh worker.
 */
import type { Worker } from 'node:worker_threads'
import type { Logger } from '../logger.js'
import { siblingModule, startModuleWorker } from '../workers/module-worker.js'
import type { BoardJob, BoardJobResult } from './board-jobs.js'
import type { BoardAnswerMessage, BoardJobMessage } from './board-worker.js'

export interface BoardWorkerPoolOptions {
  /** Worker threads at most (BOARD_WORKERS). */
  size: number
  /** Heap limit of each worker, in MB. */
  heapLimitMb?: number
  logger?: Logger
}

interface QueuedJob {
  id: number
  job: BoardJob
  resolve: (result: Uint8Array | string) => void
  reject: (error: Error) => void
}

interface PoolWorker {
  worker: Worker
  running: QueuedJob | null
}

export class BoardWorkerPool {
  private readonly queue: QueuedJob[] = []
  private readonly workers = new Set<PoolWorker>()
  private nextId = 1
  private closed = false

  constructor(private readonly options: BoardWorkerPoolOptions) {}

  /** Runs `job` in a worker; rejects if the job fails or its worker dies. */
  run<J extends BoardJob>(job: J): Promise<BoardJobResult<J>> {
    if (this.closed) return Promise.reject(new Error('board workers are closed'))
    return new Promise<Uint8Array | string>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject })
      this.dispatch()
    }) as Promise<BoardJobResult<J>>
  }

  /** Jobs waiting for a worker (for metrics and tests). */
  get waiting(): number {
    return this.queue.length
  }

  async close(): Promise<void> {
    this.closed = true
    for (const queued of this.queue.splice(0)) queued.reject(new Error('board workers are closed'))
    await Promise.all([...this.workers].map(({ worker }) => worker.terminate()))
    this.workers.clear()
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = [...this.workers].find((candidate) => candidate.running === null) ?? this.startWorker()
      if (!idle) return
      const queued = this.queue.shift()!
      idle.running = queued
      const message: BoardJobMessage = { id: queued.id, job: queued.job }
      idle.worker.postMessage(message)
    }
  }

  private startWorker(): PoolWorker | null {
    if (this.workers.size >= this.options.size) return null
    const worker = startModuleWorker(siblingModule(import.meta.url, 'board-worker'), {
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapLimitMb ?? 2048 },
    })
    worker.unref() // an idle worker never keeps the server alive
    const entry: PoolWorker = { worker, running: null }
    this.workers.add(entry)
    worker.on('message', (answer: BoardAnswerMessage) => {
      const job = entry.running
      if (!job || job.id !== answer.id) return
      entry.running = null
      if ('error' in answer) job.reject(new Error(answer.error))
      else job.resolve(answer.result)
      this.dispatch()
    })
    const retire = (error: Error) => {
      if (!this.workers.delete(entry)) return
      if (!this.closed) this.options.logger?.error({ err: error.message }, 'board worker ended')
      entry.running?.reject(new Error(`board worker ended: ${error.message}`))
      entry.running = null
      if (!this.closed) this.dispatch()
    }
    worker.on('error', retire)
    worker.on('exit', (code) => retire(new Error(`exit code ${code}`)))
    return entry
  }
}
