/** React hooks of the workshop kit: the roster from awareness, the current step. */
import { FACILITATION_KEY, readFacilitation } from '@quartierboard/shared'
import { useEffect, useMemo, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { Roster, stepKey, type RosterEntry } from './roster'

/** The awareness of a board connection (y-protocols' `Awareness`, as the provider holds it). */
export type BoardAwareness = WebsocketProvider['awareness']

/**
 * Everyone on the board now and earlier in this page's lifetime. Re-renders only when the roster
 * changes, not on every cursor move.
 */
export function useRoster(awareness: BoardAwareness): RosterEntry[] {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new connection's awareness starts a new roster
  const roster = useMemo(() => new Roster(), [awareness])
  const [entries, setEntries] = useState<RosterEntry[]>(() => roster.update(awareness.getStates(), awareness.clientID))
  useEffect(() => {
    let shown = ''
    const update = () => {
      const next = roster.update(awareness.getStates(), awareness.clientID)
      const signature = JSON.stringify(next)
      if (signature === shown) return
      shown = signature
      setEntries(next)
    }
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [awareness, roster])
  return entries
}

/** What a done signal refers to now (see `stepKey`), live from the document's facilitation map. */
export function useStepKey(doc: Y.Doc): string {
  const [key, setKey] = useState(() => stepKey(readFacilitation(doc).step))
  useEffect(() => {
    const map = doc.getMap(FACILITATION_KEY)
    const update = () => setKey(stepKey(readFacilitation(doc).step))
    update()
    map.observe(update)
    return () => map.unobserve(update)
  }, [doc])
  return key
}
