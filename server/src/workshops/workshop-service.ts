/**
 * Creating, changing and deleting workshops, and their capability links (see auth/tokens.ts for
 * how the three tokens relate). Rotating a link closes the open sockets of the roles whose token
 * changed, at once.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { CloseCode, DEFAULT_WORKSHOP_TIME_ZONE, type CreateWorkshopRequest, type Role, type RoleTokens } from '@quartierboard/shared'
import { hashTokens, newFacilitatorToken, newSalt, tokensFor, type TokenSalts } from '../auth/tokens.js'
import type { RoomManager } from '../rooms/room-manager.js'
import type { BoardStore, WorkshopRecord } from '../store/board-store.js'

/** 16 random bytes: workshop ids are unguessable, though access rests on the tokens. */
const WORKSHOP_ID_BYTES = 16

export interface WorkshopServiceOptions {
  store: BoardStore
  rooms: RoomManager
  dataDir: string
  now?: () => number
}

export class WorkshopService {
  constructor(private readonly options: WorkshopServiceOptions) {}

  async create(request: CreateWorkshopRequest): Promise<{ workshop: WorkshopRecord; tokens: RoleTokens }> {
    const workshop: WorkshopRecord = {
      id: randomBytes(WORKSHOP_ID_BYTES).toString('base64url'),
      title: request.title,
      field: request.field ?? 'other',
      description: request.description ?? '',
      createdAt: (this.options.now ?? Date.now)(),
      reviewersInPresence: false,
      timeZone: DEFAULT_WORKSHOP_TIME_ZONE,
    }
    const salts: TokenSalts = { participant: newSalt(), reviewer: newSalt() }
    const tokens = tokensFor(newFacilitatorToken(), salts)
    await this.options.store.createWorkshop(workshop, { hashes: hashTokens(tokens), salts })
    return { workshop, tokens }
  }

  /** All three tokens, recomputed from the facilitator's own token. */
  async tokens(workshopId: string, facilitatorToken: string): Promise<RoleTokens> {
    const credentials = await this.options.store.getCredentials(workshopId)
    if (!credentials) throw new Error(`workshop ${workshopId} has no credentials`)
    return tokensFor(facilitatorToken, credentials.salts)
  }

  /**
   * Replaces the token of `role`. A new facilitator token changes every derived token too, so
   * rotating it invalidates all three links.
   */
  async rotate(workshopId: string, role: Role, facilitatorToken: string): Promise<RoleTokens> {
    const credentials = await this.options.store.getCredentials(workshopId)
    if (!credentials) throw new Error(`workshop ${workshopId} has no credentials`)
    const salts: TokenSalts = { ...credentials.salts }
    let nextFacilitator = facilitatorToken
    if (role === 'facilitator') nextFacilitator = newFacilitatorToken()
    else salts[role] = newSalt()
    const tokens = tokensFor(nextFacilitator, salts)
    await this.options.store.replaceCredentials(workshopId, { hashes: hashTokens(tokens), salts })
    const room = await this.options.rooms.loaded(workshopId)
    room?.closeConnections(
      (connection) => role === 'facilitator' || connection.role === role,
      CloseCode.Unauthorized,
      'this link was replaced by the facilitator',
    )
    return tokens
  }

  /** Deletes the workshop, its board, history, snapshots and uploaded files; open sockets are closed. */
  async delete(workshopId: string): Promise<void> {
    await this.options.store.deleteWorkshop(workshopId)
    await this.options.store.reclaimSpace()
    await this.options.rooms.discard(workshopId, CloseCode.NotFound, 'workshop deleted')
    await fs.rm(path.join(this.options.dataDir, 'assets', workshopId), { recursive: true, force: true })
  }
}
