/**
 * Timer arithmetic in server time. Every client estimates the offset between its own clock and
 * the server's from a few round trips (NTP-style: the server's time is assumed to be read in the
 * middle of the round trip; the sample with the shortest round trip wins), then shows the same
 * remaining time as everyone else, whatever its own clock says.
 */
import type { TimerState } from './state.js'

/** One measurement: client clock before and after asking, and the server time it answered. */
export interface ClockSample {
  sentAt: number
  serverTime: number
  receivedAt: number
}

/** Milliseconds to add to the client clock to get server time; 0 without samples. */
export function estimateClockOffset(samples: readonly ClockSample[]): number {
  const valid = samples.filter((sample) => sample.receivedAt >= sample.sentAt)
  if (valid.length === 0) return 0
  const best = valid.reduce((fastest, sample) => (sample.receivedAt - sample.sentAt < fastest.receivedAt - fastest.sentAt ? sample : fastest))
  return Math.round(best.serverTime - (best.sentAt + best.receivedAt) / 2)
}

/** Milliseconds left at server time `serverNow` (never negative). */
export function remainingMs(timer: TimerState, serverNow: number): number {
  if (timer.pausedRemainingMs !== null) return Math.max(0, timer.pausedRemainingMs)
  return Math.max(0, timer.endsAt - serverNow)
}

export function isTimerRunning(timer: TimerState | null, serverNow: number): boolean {
  return timer !== null && timer.pausedRemainingMs === null && timer.endsAt > serverNow
}

/** "4:05" or "0:09": the remaining time as shown on the timer (seconds rounded up). */
export function formatCountdown(milliseconds: number): string {
  const seconds = Math.ceil(Math.max(0, milliseconds) / 1000)
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

/** The timer after pausing at `serverNow`. */
export function pauseTimer(timer: TimerState, serverNow: number): TimerState {
  if (timer.pausedRemainingMs !== null) return timer
  return { ...timer, pausedRemainingMs: remainingMs(timer, serverNow) }
}

/** The timer after resuming at `serverNow`. */
export function resumeTimer(timer: TimerState, serverNow: number): TimerState {
  if (timer.pausedRemainingMs === null) return timer
  return { ...timer, endsAt: serverNow + timer.pausedRemainingMs, pausedRemainingMs: null }
}
