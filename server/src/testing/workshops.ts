/** Test support: workshop rows and credentials to put straight into a store. */
import type { RoleTokens } from '@quartierboard/shared'
import { hashTokens, newFacilitatorToken, newSalt, tokensFor } from '../auth/tokens.js'
import type { WorkshopCredentials, WorkshopRecord } from '../store/board-store.js'

export function testWorkshop(id: string, overrides: Partial<WorkshopRecord> = {}): WorkshopRecord {
  return {
    id,
    title: `Werkstatt ${id}`,
    field: 'quartiersentwicklung',
    description: 'Fallbeispiel',
    createdAt: 1_700_000_000_000,
    reviewersInPresence: false,
    timeZone: 'Europe/Berlin',
    ...overrides,
  }
}

/** Fresh tokens and the credentials a store keeps of them. */
export function testCredentials(): { tokens: RoleTokens; credentials: WorkshopCredentials } {
  const salts = { participant: newSalt(), reviewer: newSalt() }
  const tokens = tokensFor(newFacilitatorToken(), salts)
  return { tokens, credentials: { hashes: hashTokens(tokens), salts } }
}
