/** The last workshop details this browser fetched, so the board opens offline with the right role and title. */
import { GetWorkshopResponse } from '@quartierboard/shared'

const storageKey = (workshopId: string) => `quartierboard.workshop.${workshopId}`

export function rememberWorkshop(workshop: GetWorkshopResponse): void {
  localStorage.setItem(storageKey(workshop.id), JSON.stringify(workshop))
}

export function lastKnownWorkshop(workshopId: string): GetWorkshopResponse | null {
  try {
    const parsed = GetWorkshopResponse.safeParse(JSON.parse(localStorage.getItem(storageKey(workshopId)) ?? 'null'))
    return parsed.success ? parsed.data : null
  } catch {
    return null // unreadable: as if unknown
  }
}
