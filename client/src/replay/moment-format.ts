/**
 * The one place the replay turns a moment into text for people, in the workshop's time zone
 * (`useWorkshopTimeZone`), wherever the browser is.
 */
import { DEFAULT_WORKSHOP_TIME_ZONE } from '@quartierboard/shared'
import { formatClock, type ClockLanguage } from './timeline-math'

/** Time and date of `t` (epoch ms) in the workshop's time zone. */
export function formatMoment(t: number, language: ClockLanguage, timeZone: string = DEFAULT_WORKSHOP_TIME_ZONE): { time: string; date: string } {
  return formatClock(t, language, timeZone)
}
