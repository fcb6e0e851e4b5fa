/**
 * A token bucket: holds up to `capacity` tokens, refilled continuously at `refillPerSecond`.
 * Taking more than it holds fails without taking anything. Used for the per-socket frame and
 * byte budgets of the sync endpoint and the per-IP workshop creation limit.
 */
export class TokenBucket {
  private tokens: number
  private updatedAt: number

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity
    this.updatedAt = now()
  }

  /** Takes `amount` tokens if the bucket holds them; false (and nothing taken) otherwise. */
  take(amount = 1): boolean {
    this.refill()
    if (this.tokens < amount) return false
    this.tokens -= amount
    return true
  }

  /** Milliseconds until `amount` tokens will be available (0 when they are now). */
  msUntil(amount = 1): number {
    this.refill()
    if (this.tokens >= amount) return 0
    if (this.refillPerSecond <= 0 || amount > this.capacity) return Number.POSITIVE_INFINITY
    return Math.ceil(((amount - this.tokens) / this.refillPerSecond) * 1000)
  }

  /** True when the bucket is full again (an idle client; its bucket can be forgotten). */
  isFull(): boolean {
    this.refill()
    return this.tokens >= this.capacity
  }

  private refill(): void {
    const now = this.now()
    const elapsedMs = Math.max(0, now - this.updatedAt)
    this.updatedAt = now
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs / 1000) * this.refillPerSecond)
  }
}
