/**
 * "Fertig": a participant tells the facilitator they are done with the current step. Published as
 * the awareness field `done` (the step key, see `stepKey`); toggling again takes it back, and it
 * resets by itself when the facilitator starts another step.
 */
import { useEffect, useState } from 'react'
import { useLanguage } from '../i18n/language'
import type { BoardAwareness } from './hooks'
import type { KitAwarenessState } from './roster'

function publishedDone(awareness: BoardAwareness): string | null {
  const done = (awareness.getLocalState() as KitAwarenessState | null)?.done
  return typeof done === 'string' ? done : null
}

export function DoneToggle({ awareness, stepKey }: { awareness: BoardAwareness; stepKey: string }) {
  const { messages } = useLanguage()
  const [done, setDone] = useState<string | null>(() => publishedDone(awareness))

  const publish = (next: string | null) => {
    awareness.setLocalStateField('done', next)
    setDone(next)
  }

  // A new step (or none any more): the signal was about the previous one.
  useEffect(() => {
    if (done === null || done === stepKey) return
    awareness.setLocalStateField('done', null)
    setDone(null)
  }, [awareness, done, stepKey])

  const pressed = done === stepKey
  return (
    <button
      type="button"
      className={`kit-button kit-done${pressed ? ' kit-done--on' : ''}`}
      aria-pressed={pressed}
      title={messages.kitDoneHint}
      data-testid="done-toggle"
      onClick={() => publish(pressed ? null : stepKey)}
    >
      {pressed ? '✓ ' : ''}
      {messages.kitDone}
    </button>
  )
}
