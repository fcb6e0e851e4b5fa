/**
 * Loads the changes in the window before the moment shown (`/history/changes`) once the moment
 * settles, and summarises them by person. A newer moment cancels the request for an older one.
 */
import { useEffect, useState } from 'react'
import { summariseAttribution, type Attribution } from './attribution'
import type { AuthorStyles } from './author-palette'
import { getChanges } from './replay-api'

const SETTLE_MS = 150

export interface AttributionState {
  /** The moment the summary belongs to (null before the first). */
  at: number | null
  attribution: Attribution | null
  truncated: boolean
  failed: boolean
}

export function useAttribution(workshopId: string, at: number | null, windowMs: number, styles: AuthorStyles): AttributionState {
  const [state, setState] = useState<AttributionState>({ at: null, attribution: null, truncated: false, failed: false })

  useEffect(() => {
    if (at === null) return
    const controller = new AbortController()
    const timer = setTimeout(() => {
      getChanges(workshopId, at - windowMs, at, controller.signal)
        .then((result) => {
          if (controller.signal.aborted) return
          setState({ at, attribution: summariseAttribution(result.changes, styles), truncated: result.truncated, failed: false })
        })
        .catch(() => {
          if (!controller.signal.aborted) setState({ at, attribution: null, truncated: false, failed: true })
        })
    }, SETTLE_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [workshopId, at, windowMs, styles])

  return state
}
