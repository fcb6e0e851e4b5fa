/**
 * Issues identities: one per browser and workshop, asked for when the browser first joins with
 * any link. The public id and the secret go back to the browser once; the store keeps the id and
 * the secret's SHA-256 (identity-secret.ts).
 */
import type { IssuedIdentity, Role } from '@quartierboard/shared'
import type { BoardStore } from '../store/board-store.js'
import { newIdentityCredentials } from './identity-secret.js'
import { IdentityIssueLimit, type IdentityIssueLimits } from './issue-limit.js'

/** Thrown when a link has used up its identities for now. */
export class IdentityCapReached extends Error {
  constructor(readonly retryAfterMs: number, limits: IdentityIssueLimits) {
    super(`Too many new identities for this link: at most ${limits.burst} at once and ${limits.perMinute} per minute after that.`)
  }
}

export interface IdentityServiceOptions {
  store: BoardStore
  limits: IdentityIssueLimits
  now?: () => number
}

export class IdentityService {
  private readonly limit: IdentityIssueLimit
  private readonly now: () => number

  constructor(private readonly options: IdentityServiceOptions) {
    this.now = options.now ?? Date.now
    this.limit = new IdentityIssueLimit(options.limits, this.now)
  }

  /** A new identity in the workshop for someone who came with the link of `role`. */
  async issue(workshopId: string, role: Role): Promise<IssuedIdentity> {
    const waitMs = this.limit.take(workshopId, role)
    if (waitMs > 0) throw new IdentityCapReached(waitMs, this.options.limits)
    const { id, secret, secretHash } = newIdentityCredentials()
    await this.options.store.addIdentity({ workshopId, id, secretHash, issuedTo: role, createdAt: this.now() })
    return { id, secret }
  }
}
