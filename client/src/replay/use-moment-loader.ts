/**
 * React glue for `StateLoader`: one loader per workshop timeline, the moment actually on the
 * canvas (`shownAt`), whether a newer one is on its way, and whether the last one failed.
 * Records go straight to `onRecords` (the editor), not through React state.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { BoardRecord } from './board-diff'
import { getStateAt } from './replay-api'
import { StateLoader } from './state-loader'

export interface MomentLoader {
  shownAt: number | null
  pending: boolean
  failed: boolean
  show: (at: number, immediate: boolean) => void
  prefetch: (times: readonly number[]) => void
}

export function useMomentLoader(workshopId: string, onRecords: (at: number, records: readonly BoardRecord[]) => void): MomentLoader {
  const [shownAt, setShownAt] = useState<number | null>(null)
  const [pending, setPending] = useState(false)
  const [failed, setFailed] = useState(false)
  const onRecordsRef = useRef(onRecords)
  onRecordsRef.current = onRecords
  const loaderRef = useRef<StateLoader<readonly BoardRecord[]> | null>(null)

  useEffect(() => {
    const loader = new StateLoader<readonly BoardRecord[]>({
      fetch: async (at) => (await getStateAt(workshopId, at)).records,
      onState: (at, records) => {
        setFailed(false)
        setShownAt(at)
        onRecordsRef.current(at, records)
      },
      onError: () => setFailed(true),
      onPending: setPending,
    })
    loaderRef.current = loader
    return () => {
      loader.dispose()
      if (loaderRef.current === loader) loaderRef.current = null
    }
  }, [workshopId])

  const show = useCallback((at: number, immediate: boolean) => loaderRef.current?.show(at, { immediate }), [])
  const prefetch = useCallback((times: readonly number[]) => loaderRef.current?.prefetch(times), [])
  return { shownAt, pending, failed, show, prefetch }
}
