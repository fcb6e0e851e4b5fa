/**
 * How many identities a link may be issued: a token bucket per workshop and role, holding
 * `burst` identities and refilled at `perMinute`. The burst lets a kick-off of a few hundred
 * people join at once; the rate bounds what a script with the link can create afterwards.
 */
import type { Role } from '@quartierboard/shared'
import { TokenBucket } from '../rooms/token-bucket.js'

export interface IdentityIssueLimits {
  /** Identities per link and minute once the burst is used up (IDENTITIES_PER_MINUTE); 0 turns the limit off. */
  perMinute: number
  /** Identities one link may be issued at once (IDENTITIES_BURST). */
  burst: number
}

/** Links tracked at most; beyond this, idle ones (full buckets) are forgotten first. */
const MAX_TRACKED_LINKS = 10_000

export class IdentityIssueLimit {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    readonly limits: IdentityIssueLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one identity from the link's budget: 0 when granted, else the milliseconds until one is. */
  take(workshopId: string, role: Role): number {
    if (this.limits.perMinute <= 0) return 0
    const key = `${workshopId}\u0000${role}`
    let bucket = this.buckets.get(key)
    if (!bucket) {
      if (this.buckets.size >= MAX_TRACKED_LINKS) this.forgetIdle()
      bucket = new TokenBucket(this.limits.burst, this.limits.perMinute / 60, this.now)
      this.buckets.set(key, bucket)
    }
    return bucket.take(1) ? 0 : bucket.msUntil(1)
  }

  private forgetIdle(): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key)
    // All busy: forget the oldest rather than grow without bound.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < MAX_TRACKED_LINKS) break
      this.buckets.delete(key)
    }
  }
}
