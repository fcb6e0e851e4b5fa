/**
 * Moves SQLite's WAL checkpoints off the event loop.
 *
 * In WAL mode every commit appends to the `-wal` file, and by default the connection that commits
 * past 1,000 WAL pages copies them back into the database file and syncs it, inside that commit.
 * On this workload that is a 2-4 ms stall every few hundred appends, during which no room can relay
 * anything (measured: p99.9 of an append 2.5 ms with automatic checkpoints, 0.15 ms without).
 *
 * So the main connection checkpoints only as a fallback (when the WAL has grown well beyond what the
 * worker keeps it at), and a worker thread with its own connection runs a PASSIVE checkpoint every
 * second; PASSIVE never waits for, or blocks, the writer. The worker's code is the function below,
 * run as a script (it may use only what it requires itself).
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * WAL pages after which the main connection checkpoints itself (about 16 MB at 4 kB pages). The
 * `-wal` file starts over from its beginning only when a write finds it completely copied back;
 * under unbroken writing the worker's checkpoint never quite catches up, so without this bound the
 * file would keep growing. By then the worker has copied nearly everything, so this checkpoint is short.
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 4000
const CHECKPOINT_EVERY_MS = 1000

export interface WalCheckpointer {
  stop(): Promise<void>
}

/** Starts the worker for the database file `file`; `onError` hears of failed checkpoints. */
export function startWalCheckpointer(file: string, onError: (message: string) => void, everyMs = CHECKPOINT_EVERY_MS): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(`(${checkpointLoop.toString()})()`, { eval: true, workerData: { file, driver, everyMs } })
  worker.unref() // never keeps the server alive on its own
  worker.on('message', (message: { error?: string }) => {
    if (message.error) onError(message.error)
  })
  worker.on('error', (error) => onError(error.message))
  let stopped: Promise<void> | null = null
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        worker.ref() // whoever awaits the stop must not see the process end first
        worker.once('exit', () => resolve())
        worker.postMessage('stop')
      })
      return stopped
    },
  }
}

/** The worker's script: its own connection, a PASSIVE checkpoint every `everyMs`. */
function checkpointLoop(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads')
  const { file, driver, everyMs } = workerData as { file: string; driver: string; everyMs: number }
  const Database = require(driver) as typeof import('better-sqlite3')
  const db = new Database(file, { timeout: 1000 })
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)')
    } catch (error) {
      parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) })
    }
  }, everyMs)
  parentPort!.on('message', (message: unknown) => {
    if (message !== 'stop') return
    clearInterval(timer)
    db.close()
    parentPort!.close()
  })
}
