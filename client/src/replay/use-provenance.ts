/**
 * Who created and who last changed each shape at the moment shown: keeps one `ChangeLog` per
 * workshop, extends it when the moment moves past what it holds, and answers from memory when the
 * moment moves back. Extensions run one after another; a moment that is no longer shown when its
 * answer arrives is not reported.
 */
import { useEffect, useRef, useState } from 'react'
import { ChangeLog, provenanceOf, type ShapeProvenance } from './change-log'
import { getChanges, getCreators } from './replay-api'

type Creators = ReadonlyMap<string, { author: string; at: number }>

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
  const logRef = useRef<{ workshopId: string; log: ChangeLog; queue: Promise<void>; creators: Creators } | null>(null)

  useEffect(() => {
    if (at === null) return
    if (logRef.current?.workshopId !== workshopId) logRef.current = { workshopId, log: new ChangeLog(LOG_START), queue: Promise.resolve(), creators: new Map() }
    const entry = logRef.current
    let current = true
    const timer = setTimeout(() => {
      const run = entry.queue.then(async () => {
        const extended = await entry.log.extendTo(at, (from, to) => getChanges(workshopId, from, to))
        // The people behind notes the server put on the board (a reveal), read again as the log grows.
        if (extended || entry.creators.size === 0) entry.creators = await creatorsOf(workshopId)
      })
      // A failed stretch does not block the next moment's attempt.
      entry.queue = run.catch(() => undefined)
      run
        .then(() => {
          if (current) setState({ at, shapes: provenanceOf(entry.log.upTo(at), entry.creators), failed: false })
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

async function creatorsOf(workshopId: string): Promise<Creators> {
  const { creators } = await getCreators(workshopId)
  return new Map(creators.map((creator) => [creator.id, { author: creator.author, at: Date.parse(creator.at) }]))
}
