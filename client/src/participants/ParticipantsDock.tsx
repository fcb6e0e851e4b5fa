/**
 * The participant list with a "Teilnehmende (n)" button that folds it away. The button shows on
 * phones only (touch-layout.css): there the open list would cover the middle of the canvas, so it
 * starts folded. Wider screens show the list as before and never see the button.
 */
import { useId, useState, type ReactNode } from 'react'
import { useLanguage } from '../i18n/language'
import { useRoster, type BoardAwareness } from './hooks'

interface ParticipantsDockProps {
  awareness: BoardAwareness
  /** Whether this browser is connected (its own entry counts as online only then, as in the list). */
  selfOnline: boolean
  /** The participant list itself. */
  children: ReactNode
}

export function ParticipantsDock({ awareness, selfOnline, children }: ParticipantsDockProps) {
  const { messages } = useLanguage()
  const [expanded, setExpanded] = useState(false)
  const listId = useId()
  const online = useRoster(awareness).filter((entry) => (entry.isSelf ? selfOnline : entry.online)).length
  return (
    <div className="kit-participants-dock" data-expanded={expanded}>
      <button
        type="button"
        className="kit-button kit-button--quiet kit-participants-toggle"
        aria-expanded={expanded}
        aria-controls={listId}
        onClick={() => setExpanded(!expanded)}
        data-testid="participants-toggle"
      >
        {messages.participantsHeading} ({online})
      </button>
      <div id={listId} className="kit-participants-dock__list">
        {children}
      </div>
    </div>
  )
}
