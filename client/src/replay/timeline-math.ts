/**
 * Pure arithmetic of the replay timeline: board time (epoch ms) to slider positions and back,
 * slider steps, the activity sparkline's path, playback advance, which moments to prefetch, and
 * wall-clock formatting.
 */

export const PLAYBACK_SPEEDS = [1, 10, 60] as const
export type PlaybackSpeed = (typeof PLAYBACK_SPEEDS)[number]

/** Real milliseconds between two playback frames that ask for a new board state. */
export const PLAYBACK_TICK_MS = 250

export interface TimeRange {
  from: number
  to: number
}

export function clampTime(t: number, range: TimeRange): number {
  if (range.to <= range.from) return range.from
  return Math.min(range.to, Math.max(range.from, t))
}

/** Where `t` lies in the range, 0 at `from` and 1 at `to`. */
export function timeToFraction(t: number, range: TimeRange): number {
  const span = range.to - range.from
  if (span <= 0) return 0
  return (clampTime(t, range) - range.from) / span
}

export function fractionToTime(fraction: number, range: TimeRange): number {
  const f = Math.min(1, Math.max(0, fraction))
  return range.from + f * Math.max(0, range.to - range.from)
}

const NICE_STEPS = [10, 20, 50, 100, 200, 250, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000]

/**
 * The slider's step: the smallest "nice" step that keeps the slider at no more than `maxPositions`
 * positions, never finer than the server's resolution.
 */
export function sliderStepMs(range: TimeRange, resolutionMs = 0, maxPositions = 2_000): number {
  const span = Math.max(0, range.to - range.from)
  const wanted = Math.max(span / maxPositions, resolutionMs, 1)
  return NICE_STEPS.find((step) => step >= wanted) ?? Math.ceil(wanted / 600_000) * 600_000
}

/** `t` moved to the nearest slider position (`from + k * step`), kept within the range. */
export function snapToStep(t: number, range: TimeRange, step: number): number {
  const k = Math.round((t - range.from) / step)
  return clampTime(range.from + k * step, range)
}

/**
 * The SVG path of a filled sparkline of `activity` (updates per bucket of `bucketMs` from `from`),
 * scaled into `width` x `height` with the busiest bucket at full height. Empty when there is no range.
 */
export function sparklinePath(activity: readonly number[], bucketMs: number, range: TimeRange, width: number, height: number): string {
  const span = range.to - range.from
  if (span <= 0 || activity.length === 0 || bucketMs <= 0) return ''
  const peak = Math.max(1, ...activity)
  const x = (ms: number) => round2((Math.min(span, Math.max(0, ms)) / span) * width)
  const y = (count: number) => round2(height - (count / peak) * height)
  const parts = [`M${x(0)},${height}`]
  activity.forEach((count, index) => {
    const start = index * bucketMs
    if (start > span) return
    parts.push(`L${x(start)},${y(count)}`, `L${x(start + bucketMs)},${y(count)}`)
  })
  parts.push(`L${x(Math.min(span, activity.length * bucketMs))},${height}`, 'Z')
  return parts.join(' ')
}

function round2(n: number): number {
  return Math.round(n * 100) / 100
}

/** The board time after `elapsedRealMs` of playback at `speed`, stopping at the end of the range. */
export function advancePlayback(t: number, speed: number, elapsedRealMs: number, range: TimeRange): number {
  return clampTime(t + speed * elapsedRealMs, range)
}

/** The moments playback asks for next: one per tick, `count` ticks ahead, within the range. */
export function playbackPrefetchTimes(t: number, speed: number, range: TimeRange, count: number, tickMs = PLAYBACK_TICK_MS): number[] {
  const times: number[] = []
  for (let k = 1; k <= count; k++) {
    const next = advancePlayback(t, speed, k * tickMs, range)
    if (next === times[times.length - 1] || next === t) break
    times.push(next)
  }
  return times
}

/** Slider positions around `t`, nearest first, `count` on each side, within the range. */
export function neighbourTimes(t: number, range: TimeRange, step: number, count: number): number[] {
  const times: number[] = []
  const base = snapToStep(t, range, step)
  for (let k = 1; k <= count; k++) {
    for (const candidate of [base + k * step, base - k * step]) {
      const clamped = clampTime(candidate, range)
      if (clamped !== t && !times.includes(clamped)) times.push(clamped)
    }
  }
  return times
}

/** `count` evenly spread moments across the range (both ends included), for an overview prefetch. */
export function spreadTimes(range: TimeRange, count: number): number[] {
  if (count <= 1 || range.to <= range.from) return [range.to]
  const times: number[] = []
  for (let i = 0; i < count; i++) times.push(Math.round(fractionToTime(i / (count - 1), range)))
  return [...new Set(times)]
}

export type ClockLanguage = 'de' | 'en'

export function localeOf(language: ClockLanguage): string {
  return language === 'de' ? 'de-DE' : 'en-GB'
}

/** Wall-clock time with seconds (`14:03:07`), and the date (`15.03.2025` / `15/03/2025`). */
export function formatClock(t: number, language: ClockLanguage, timeZone?: string): { time: string; date: string } {
  const locale = localeOf(language)
  const date = new Date(t)
  return {
    time: date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone }),
    date: date.toLocaleDateString(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone }),
  }
}
