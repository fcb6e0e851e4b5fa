import { describe, expect, it } from 'vitest'
import { MAX_UPLOAD_GRACE_MS, SILENCE_LIMIT_MS, silenceLimitMs } from './connection-watch'

describe('silenceLimitMs', () => {
  it('is 3.5 s without an upload, grows a second per 256 KiB sent since the last message, and is capped', () => {
    expect(silenceLimitMs(0)).toBe(SILENCE_LIMIT_MS)
    expect(silenceLimitMs(10)).toBeLessThan(SILENCE_LIMIT_MS + 1) // heartbeats do not count for much
    expect(silenceLimitMs(3.3 * 1024 * 1024)).toBeCloseTo(SILENCE_LIMIT_MS + 13_200, -2) // the 8,000-shape paste
    expect(silenceLimitMs(1024 * 1024 * 1024)).toBe(SILENCE_LIMIT_MS + MAX_UPLOAD_GRACE_MS)
  })
})
