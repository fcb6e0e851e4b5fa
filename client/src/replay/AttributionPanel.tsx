/**
 * Who changed what in the window before the moment shown: a window picker, a switch for the
 * outlines on the canvas, and the authors active in that window with colour and number of changes.
 */
import { useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import { ATTRIBUTION_WINDOWS_MS } from './attribution'
import { authorName, AuthorTag } from './AuthorBadge'
import type { AttributionState } from './use-attribution'

interface AttributionPanelProps {
  state: AttributionState
  windowMs: number
  onWindow: (windowMs: number) => void
  showOutlines: boolean
  onShowOutlines: (show: boolean) => void
}

export function windowLabel(windowMs: number, messages: Messages): string {
  return windowMs < 60_000 ? `${windowMs / 1000} ${messages.replaySecondsShort}` : `${windowMs / 60_000} ${messages.replayMinutesShort}`
}

export function AttributionPanel({ state, windowMs, onWindow, showOutlines, onShowOutlines }: AttributionPanelProps) {
  const { messages } = useLanguage()
  const authors = state.attribution?.authors ?? []
  return (
    <section className="replay-panel" aria-labelledby="replay-attribution-heading" data-testid="replay-attribution" data-at={state.at === null ? '' : Math.round(state.at)}>
      <h2 id="replay-attribution-heading">{messages.replayAttributionHeading}</h2>
      <label htmlFor="replay-window">{messages.replayAttributionWindow}</label>
      <select id="replay-window" data-testid="replay-window" value={windowMs} onChange={(event) => onWindow(Number(event.target.value))}>
        {ATTRIBUTION_WINDOWS_MS.map((option) => (
          <option key={option} value={option}>
            {windowLabel(option, messages)}
          </option>
        ))}
      </select>
      <label className="checkbox replay-panel__checkbox">
        <input type="checkbox" checked={showOutlines} onChange={(event) => onShowOutlines(event.target.checked)} data-testid="replay-outlines" />
        {messages.replayAttributionShow}
      </label>
      {state.failed && <p className="error">{messages.errorGeneric}</p>}
      {state.attribution && authors.length === 0 && <p className="hint">{messages.replayAttributionNone}</p>}
      {authors.length > 0 && (
        <ul className="replay-authors">
          {authors.map((author) => (
            <li key={author.id} data-testid="replay-author" data-author-id={author.id} data-changes={author.changes} data-initials={author.style.initials}>
              <AuthorTag style={author.style} />
              <span className="replay-authors__name">{authorName(author.style, messages)}</span>
              <span className="replay-authors__count">
                {author.changes} {author.changes === 1 ? messages.replayChangeOne : messages.replayChangeMany}
              </span>
            </li>
          ))}
        </ul>
      )}
      {state.truncated && <p className="hint">{messages.replayAttributionTruncated}</p>}
    </section>
  )
}
