/** Picks what the timeline covers: one session (newest first) or the whole workshop. */
import type { Session } from '@quartierboard/shared'
import { useLanguage } from '../i18n/language'
import { sessionsNewestFirst, WHOLE_WORKSHOP } from './history-view'
import { formatMoment } from './moment-format'
import { useWorkshopTimeZone } from '../i18n/time-zone'

interface SessionPickerProps {
  sessions: readonly Session[]
  value: string
  onChange: (value: string) => void
}

export function SessionPicker({ sessions, value, onChange }: SessionPickerProps) {
  const { language, messages } = useLanguage()
  const timeZone = useWorkshopTimeZone()
  return (
    <label className="replay-session">
      <span className="visually-hidden">{messages.replaySession}</span>
      <select data-testid="replay-session" value={value} onChange={(event) => onChange(event.target.value)}>
        {sessionsNewestFirst(sessions).map((session) => (
          <option key={session.id} value={session.id}>
            {session.title} – {formatMoment(Date.parse(session.startedAt), language, timeZone).date}
            {session.endedAt === null ? ` (${messages.replayRunning})` : ''}
          </option>
        ))}
        <option value={WHOLE_WORKSHOP}>{messages.replayWholeWorkshop}</option>
      </select>
    </label>
  )
}
