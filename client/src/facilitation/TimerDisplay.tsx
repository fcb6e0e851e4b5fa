/** The countdown everyone sees (in server time), with a gentle signal when it ends. */
import { formatCountdown, remainingMs, type TimerState } from '@quartierboard/shared'
import { useEffect, useRef } from 'react'
import { useLanguage } from '../i18n/language'
import { playChime } from './chime'

export function TimerDisplay({ timer, serverNow }: { timer: TimerState; serverNow: number }) {
  const { messages } = useLanguage()
  const left = remainingMs(timer, serverNow)
  const ended = left === 0
  const signalled = useRef<string | null>(null)
  useEffect(() => {
    // Signal once per timer, and only when it ran out while this page was open.
    if (ended && signalled.current !== timer.id && serverNow - timer.endsAt < 5000) {
      signalled.current = timer.id
      playChime()
    }
  }, [ended, timer, serverNow])
  return (
    <span
      className={`timer${ended ? ' timer--ended' : ''}${timer.pausedRemainingMs !== null ? ' timer--paused' : ''}`}
      role="timer"
      data-testid="timer"
      data-remaining-ms={left}
    >
      <span className="timer__label">{messages.timerLabel}</span> {ended ? messages.timerEnded : formatCountdown(left)}
      {timer.pausedRemainingMs !== null && ` (${messages.timerPaused})`}
    </span>
  )
}
