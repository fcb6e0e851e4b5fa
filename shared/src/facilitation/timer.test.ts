import { describe, expect, it } from 'vitest'
import { estimateClockOffset, formatCountdown, pauseTimer, remainingMs, resumeTimer, type ClockSample } from './timer.js'
import type { TimerState } from './state.js'

const SERVER_START = 1_700_000_000_000
const timer: TimerState = { id: 't', durationMs: 300_000, endsAt: SERVER_START + 300_000, pausedRemainingMs: null }

/** Samples a client with a clock `skewMs` off the server's would take, with the given round trips. */
function samplesFor(skewMs: number, roundTrips: number[]): ClockSample[] {
  return roundTrips.map((roundTrip, index) => {
    const serverTime = SERVER_START + index * 1000
    // The server reads its clock halfway; the client's clock is skewed.
    const sentAt = serverTime - roundTrip / 2 + skewMs
    return { sentAt, serverTime, receivedAt: sentAt + roundTrip }
  })
}

describe('timer arithmetic', () => {
  it('shows every client the same remaining time, whatever its clock says', () => {
    const serverNow = SERVER_START + 65_000
    const shown = [-90_000, -1234, 0, 4321, 3_600_000].map((skew) => {
      const offset = estimateClockOffset(samplesFor(skew, [80, 20, 300]))
      const clientNow = serverNow + skew
      return remainingMs(timer, clientNow + offset)
    })
    expect(new Set(shown)).toEqual(new Set([235_000]))
  })

  it('trusts the fastest round trip and ignores broken samples', () => {
    const samples = samplesFor(5000, [400, 10, 250])
    samples.push({ sentAt: 10, serverTime: 0, receivedAt: 5 }) // received before sent: ignored
    // The 10 ms sample is off by at most 5 ms.
    expect(Math.abs(estimateClockOffset(samples) + 5000)).toBeLessThanOrEqual(5)
    expect(estimateClockOffset([])).toBe(0)
  })

  it('pauses and resumes without losing time, and never goes below zero', () => {
    const paused = pauseTimer(timer, SERVER_START + 100_000)
    expect(remainingMs(paused, SERVER_START + 999_999)).toBe(200_000)
    const resumed = resumeTimer(paused, SERVER_START + 500_000)
    expect(remainingMs(resumed, SERVER_START + 550_000)).toBe(150_000)
    expect(remainingMs(resumed, SERVER_START + 10_000_000)).toBe(0)
  })

  it('formats the countdown with seconds rounded up', () => {
    expect(formatCountdown(245_000)).toBe('4:05')
    expect(formatCountdown(8_001)).toBe('0:09')
    expect(formatCountdown(0)).toBe('0:00')
    expect(formatCountdown(-5)).toBe('0:00')
  })
})
