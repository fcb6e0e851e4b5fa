/**
 * The server's clock as seen from this browser: a few round trips to `/api/time` at start (and
 * every few minutes) give the offset (shared/src/facilitation/timer.ts), so every browser shows
 * the same countdown, whatever its own clock says.
 */
import { estimateClockOffset, type ClockSample } from '@quartierboard/shared'
import { useEffect, useState } from 'react'
import { serverTime } from './facilitation-api'

const SAMPLES = 4
const REMEASURE_MS = 5 * 60_000

async function measureOffset(): Promise<number> {
  const samples: ClockSample[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const sentAt = Date.now()
    const { now } = await serverTime()
    samples.push({ sentAt, serverTime: now, receivedAt: Date.now() })
  }
  return estimateClockOffset(samples)
}

/** Milliseconds to add to `Date.now()` for server time (0 until measured, or when offline). */
export function useServerClockOffset(): number {
  const [offset, setOffset] = useState(0)
  useEffect(() => {
    let cancelled = false
    const measure = () =>
      measureOffset()
        .then((measured) => !cancelled && setOffset(measured))
        .catch(() => undefined) // offline: keep the last offset
    void measure()
    const timer = setInterval(() => void measure(), REMEASURE_MS)
    return () => {
      cancelled = true
      clearInterval(timer)
    }
  }, [])
  return offset
}

/** Server time, re-rendered every `intervalMs`. */
export function useServerNow(offset: number, intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now() + offset)
  useEffect(() => {
    setNow(Date.now() + offset)
    const timer = setInterval(() => setNow(Date.now() + offset), intervalMs)
    return () => clearInterval(timer)
  }, [offset, intervalMs])
  return now
}
