/**
 * "Fertig": a participant tells the facilitator they are done with the current step. Published as
 * the awareness field `done` (the step key, see `stepKey`); toggling again takes it back, and it
 * resets by itself when the facilitator starts another step. Presence ends with the page, so the
 * signal is also remembered per workshop in this browser and published again after a reload.
 */
import { useEffect, useState } from 'react'
import { useLanguage } from '../i18n/language'
import type { BoardAwareness } from './hooks'
import type { KitAwarenessState } from './roster'

function publishedDone(awareness: BoardAwareness): string | null {
  const done = (awareness.getLocalState() as KitAwarenessState | null)?.done
  return typeof done === 'string' ? done : null
}

const storageKey = (workshopId: string) => `quartierboard.done.${workshopId}`

function rememberedDone(workshopId: string): string | null {
  try {
    return localStorage.getItem(storageKey(workshopId))
  } catch {
    return null // storage blocked: the signal lasts as long as the page
  }
}

function remember(workshopId: string, done: string | null): void {
  try {
    if (done === null) localStorage.removeItem(storageKey(workshopId))
    else localStorage.setItem(storageKey(workshopId), done)
  } catch {
    // storage blocked: see above
  }
}

interface DoneToggleProps {
  awareness: BoardAwareness
  stepKey: string
  workshopId: string
}

export function DoneToggle({ awareness, stepKey, workshopId }: DoneToggleProps) {
  const { messages } = useLanguage()
  const [done, setDone] = useState<string | null>(() => publishedDone(awareness) ?? rememberedDone(workshopId))

  const publish = (next: string | null) => {
    awareness.setLocalStateField('done', next)
    remember(workshopId, next)
    setDone(next)
  }

  // After a reload the remembered signal is published again.
  useEffect(() => {
    if (done !== null && publishedDone(awareness) !== done) awareness.setLocalStateField('done', done)
  }, [awareness, done])

  // A new step (or none any more): the signal was about the previous one.
  useEffect(() => {
    if (done === null || done === stepKey) return
    awareness.setLocalStateField('done', null)
    remember(workshopId, null)
    setDone(null)
  }, [awareness, done, stepKey, workshopId])

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
