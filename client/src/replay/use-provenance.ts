/**
 * Who created and who last changed each shape at the moment shown: keeps one `ChangeLog` per
 * workshop, extends it when the moment moves past what it holds, and answers from memory when the
 * moment moves back. Extensions run one after another; a moment that is no longer shown when its
 * answer arrives is not reported.
 */
import { useEffect, useRef, useState } from 'react'
import { ChangeLog, provenanceOf, type ShapeProvenance } from './change-log'
import { getChanges } from './replay-api'

/** Before any workshop's first update: the log starts at the epoch. */
const LOG_START = 0
const SETTLE_MS = 150

export interface ProvenanceState {
  /** The moment the answer belongs to (null before the first). */
  at: number | null
  shapes: ReadonlyMap<string, ShapeProvenance>
  failed: boolean
}

export function useProvenance(workshopId: string, at: number | null): ProvenanceState {
  const [state, setState] = useState<ProvenanceState>({ at: null, shapes: new Map(), failed: false })
  const logRef = useRef<{ workshopId: string; log: ChangeLog; queue: Promise<void> } | null>(null)

  useEffect(() => {
    if (at === null) return
    if (logRef.current?.workshopId !== workshopId) logRef.current = { workshopId, log: new ChangeLog(LOG_START), queue: Promise.resolve() }
    const entry = logRef.current
    let current = true
    const timer = setTimeout(() => {
      const run = entry.queue.then(() => entry.log.extendTo(at, (from, to) => getChanges(workshopId, from, to)))
      // A failed stretch does not block the next moment's attempt.
      entry.queue = run.catch(() => undefined)
      run
        .then(() => {
          if (current) setState({ at, shapes: provenanceOf(entry.log.upTo(at)), failed: false })
        })
        .catch(() => {
          if (current) setState({ at, shapes: new Map(), failed: true })
        })
    }, SETTLE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [workshopId, at])

  return state
}
