/**
 * Title, role, running session and time zone of a workshop for the export menu: taken from the
 * caller when it knows them (the live board), otherwise loaded once from `GET /api/workshops/:id`
 * (the replay page).
 */
import type { Role } from '@quartierboard/shared'
import { useEffect, useState } from 'react'
import { getWorkshop } from '../api'

export interface WorkshopFacts {
  title: string
  role: Role
  /** Title of the session the export belongs to, if any. */
  sessionTitle: string | null
  /** The workshop's time zone, for the times an export shows. */
  timeZone: string
}

/** `known` complete → used as is; otherwise null until loaded (and null for good if loading fails: no menu then). */
export function useWorkshopFacts(workshopId: string, known: Partial<WorkshopFacts>): WorkshopFacts | null {
  const complete = known.title !== undefined && known.role !== undefined && known.timeZone !== undefined
  const [loaded, setLoaded] = useState<WorkshopFacts | null>(null)

  useEffect(() => {
    if (complete) return
    let cancelled = false
    getWorkshop(workshopId)
      .then((workshop) => {
        if (!cancelled) setLoaded({ title: workshop.title, role: workshop.role, sessionTitle: workshop.runningSession?.title ?? null, timeZone: workshop.timeZone })
      })
      .catch(() => {
        // Without the role the menu stays hidden; the page itself shows why the workshop did not load.
      })
    return () => {
      cancelled = true
    }
  }, [workshopId, complete])

  if (complete) return { title: known.title!, role: known.role!, sessionTitle: known.sessionTitle ?? null, timeZone: known.timeZone! }
  if (!loaded) return null
  return { ...loaded, sessionTitle: known.sessionTitle !== undefined ? known.sessionTitle : loaded.sessionTitle }
}
