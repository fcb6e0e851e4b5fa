/**
 * What the board needs from the API before it can show, kept from the last time this browser was
 * online, so the board opens offline with the right role, title and tldraw license key. Only the
 * workshop details and the client config: never the link's token (that stays in access/).
 */
import { ClientConfig, GetWorkshopResponse } from '@quartierboard/shared'
import type { z } from 'zod'

const workshopKey = (workshopId: string) => `quartierboard.workshop.${workshopId}`
const CONFIG_KEY = 'quartierboard.clientConfig'

function readStored<T>(key: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(localStorage.getItem(key) ?? 'null'))
    return parsed.success ? parsed.data : null
  } catch {
    return null // unreadable: as if unknown
  }
}

export function rememberWorkshop(workshop: GetWorkshopResponse): void {
  localStorage.setItem(workshopKey(workshop.id), JSON.stringify(GetWorkshopResponse.parse(workshop)))
}

export function lastKnownWorkshop(workshopId: string): GetWorkshopResponse | null {
  return readStored(workshopKey(workshopId), GetWorkshopResponse)
}

export function rememberClientConfig(config: ClientConfig): void {
  localStorage.setItem(CONFIG_KEY, JSON.stringify(ClientConfig.parse(config)))
}

export function lastKnownClientConfig(): ClientConfig | null {
  return readStored(CONFIG_KEY, ClientConfig)
}
