/**
 * This browser's identity in a workshop, for the board: the stored one, or a new one asked for on
 * the first join. When the server does not know the identity (HTTP 401 `invalid_identity`, socket
 * 4401 `invalid_identity…`, e.g. after the workshop's data was restored from an older backup), the
 * board calls `refused`: the hook asks for a new identity once per page; refused again, it gives
 * up (`refused` state) instead of asking in a loop.
 *
 * A first join while the server is out of reach opens the board without an identity (`null`; the
 * local copy works, private notes and dots wait) and asks again every RETRY_MS and when the
 * browser comes back online.
 */
import type { IssuedIdentity } from '@quartierboard/shared'
import { useCallback, useEffect, useRef, useState } from 'react'
import { forgetWorkshopIdentity, rememberWorkshopIdentity, requestWorkshopIdentity, storedWorkshopIdentity } from './identity'

/** While a first join has no identity yet, it asks again this often. */
const RETRY_MS = 10_000

export type WorkshopIdentityState =
  | { kind: 'joining' }
  /** `identity` null: none yet (the server was out of reach); the hook keeps asking. */
  | { kind: 'ready'; identity: IssuedIdentity | null }
  /** A renewed identity was refused too. */
  | { kind: 'refused' }

export function useWorkshopIdentity(workshopId: string): { state: WorkshopIdentityState; refused: () => void } {
  const [state, setState] = useState<WorkshopIdentityState>(() => {
    const stored = storedWorkshopIdentity(workshopId)
    return stored ? { kind: 'ready', identity: stored } : { kind: 'joining' }
  })
  const renewed = useRef(false)
  const needsOne = state.kind === 'joining' || (state.kind === 'ready' && state.identity === null)

  useEffect(() => {
    if (!needsOne) return
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const ask = () => {
      clearTimeout(timer)
      requestWorkshopIdentity(workshopId).then(
        (issued) => {
          if (cancelled) return
          rememberWorkshopIdentity(workshopId, issued)
          setState({ kind: 'ready', identity: issued })
        },
        () => {
          if (cancelled) return
          setState((current) => (current.kind === 'joining' ? { kind: 'ready', identity: null } : current))
          timer = setTimeout(ask, RETRY_MS)
        },
      )
    }
    ask()
    window.addEventListener('online', ask)
    return () => {
      cancelled = true
      clearTimeout(timer)
      window.removeEventListener('online', ask)
    }
  }, [workshopId, needsOne])

  const refused = useCallback(() => {
    forgetWorkshopIdentity(workshopId)
    if (renewed.current) {
      setState({ kind: 'refused' })
      return
    }
    renewed.current = true
    setState({ kind: 'joining' })
  }, [workshopId])

  return { state, refused }
}
