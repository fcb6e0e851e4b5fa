/** The board's live region (polite): says what `announcementsBetween` finds, in the UI language. */
import { useEffect, useRef, useState } from 'react'
import { useLanguage } from '../i18n/language'
import { fill } from '../participants/fill'
import { announcementsBetween, type BoardSignals } from './announcements'

export function BoardAnnouncer({ signals }: { signals: BoardSignals }) {
  const { messages } = useLanguage()
  const previous = useRef(signals)
  const [said, setSaid] = useState({ text: '', count: 0 })
  useEffect(() => {
    const due = announcementsBetween(previous.current, signals)
    previous.current = signals
    if (due.length === 0) return
    const text = due.map((announcement) => fill(messages[announcement.key], announcement.values ?? {})).join(' ')
    setSaid((last) => ({ text, count: last.count + 1 }))
  }, [signals, messages])
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="board-announcer">
      {/* A new node each time: screen readers then repeat a message that is the same as the last one. */}
      <span key={said.count} data-count={said.count}>
        {said.text}
      </span>
    </div>
  )
}
