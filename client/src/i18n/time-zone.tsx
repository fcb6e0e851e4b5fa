/**
 * The workshop's time zone (a dashboard setting, default Europe/Berlin) for every time a page
 * shows, so that a facilitator, a reviewer abroad and the results record read the same clock.
 * Pages that know the workshop provide it; below them, components ask `useWorkshopTimeZone`.
 */
import { DEFAULT_WORKSHOP_TIME_ZONE } from '@quartierboard/shared'
import { createContext, useContext, type ReactNode } from 'react'

const TimeZoneContext = createContext<string>(DEFAULT_WORKSHOP_TIME_ZONE)

export function WorkshopTimeZone({ zone, children }: { zone: string; children: ReactNode }) {
  return <TimeZoneContext.Provider value={zone}>{children}</TimeZoneContext.Provider>
}

export function useWorkshopTimeZone(): string {
  return useContext(TimeZoneContext)
}
