/**
 * The one place the replay turns a moment into text for people. Times are shown in the workshop's
 * time zone; until workshops carry that setting it is Europe/Berlin for everyone, wherever their
 * browser is, so that a facilitator and a reviewer abroad read the same clock.
 */
import { formatClock, type ClockLanguage } from './timeline-math'

export const DEFAULT_WORKSHOP_TIME_ZONE = 'Europe/Berlin'

/** Time and date of `t` (epoch ms) in the workshop's time zone. */
export function formatMoment(t: number, language: ClockLanguage, timeZone: string = DEFAULT_WORKSHOP_TIME_ZONE): { time: string; date: string } {
  return formatClock(t, language, timeZone)
}
