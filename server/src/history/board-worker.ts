/**
 * A board worker's script: runs board jobs (board-jobs.ts) posted by the pool
 * (board-worker-pool.ts) and posts each answer back under the job's id. A Yjs state is handed over
 * without a copy; a failed job answers with its error message, and the worker goes on.
 */
import os from 'node:os'
import { parentPort } from 'node:worker_threads'
import { createBoardSchema } from '@quartierboard/shared'
import { runBoardJob, type BoardJob } from './board-jobs.js'

export interface BoardJobMessage {
  id: number
  job: BoardJob
}

export type BoardAnswerMessage = { id: number; result: Uint8Array | string } | { id: number; error: string }

const port = parentPort
if (!port) throw new Error('board-worker.ts runs as a worker thread (see board-worker-pool.ts)')
const schema = createBoardSchema()

// On Linux a priority set for "process 0" applies to the calling thread alone, so this worker gives
// the CPU up to the event loop whenever both want it (on two cores, /healthz kept 100 ms spikes
// without). On other systems the call would lower the whole server, so it is not made there.
if (process.platform === 'linux') os.setPriority(0, os.constants.priority.PRIORITY_BELOW_NORMAL)

port.on('message', ({ id, job }: BoardJobMessage) => {
  let answer: BoardAnswerMessage
  try {
    answer = { id, result: runBoardJob(job, schema) }
  } catch (error) {
    answer = { id, error: error instanceof Error ? error.message : String(error) }
  }
  const transfer = 'result' in answer && answer.result instanceof Uint8Array ? [answer.result.buffer as ArrayBuffer] : []
  port.postMessage(answer, transfer)
})
