/**
 * Compare two states of the board: A and B are each the moment shown ("set A/B to the moment
 * shown") or a snapshot. Shows how many shapes were added, removed and changed from A to B, lists
 * the removed ones by text and type, and hands outlines for added (green) and changed (orange)
 * shapes to the canvas. While a comparison is open (loading or shown) the canvas shows only these
 * outlines, so the panel reports `null` only when nothing is being compared.
 */
import type { Snapshot } from '@quartierboard/shared'
import { useEffect, useRef, useState } from 'react'
import { useLanguage } from '../i18n/language'
import { diffRecords, recordId, type BoardDiff } from './board-diff'
import { endKey, endTime, loadEnd, type CompareEnd } from './compare-end'
import type { Highlight } from './HighlightOverlay'
import { shapeText, shapeTypeKey } from './shape-label'
import { formatMoment } from './moment-format'
import { useWorkshopTimeZone } from '../i18n/time-zone'

export const ADDED_COLOR = '#2f9e44'
export const CHANGED_COLOR = '#f08c00'

interface ComparePanelProps {
  workshopId: string
  snapshots: readonly Snapshot[]
  /** The moment on the canvas now. */
  currentTime: number
  /** The diff's outlines while comparing, null when no comparison is open. */
  onHighlights: (highlights: Highlight[] | null) => void
  onShow: (at: number) => void
}

type Result = { kind: 'idle' } | { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; diff: BoardDiff }

export function highlightsOf(diff: BoardDiff): Highlight[] {
  return [
    ...diff.added.map((record) => ({ shapeId: recordId(record)!, color: ADDED_COLOR, kind: 'added' as const })),
    ...diff.changed.map(({ after }) => ({ shapeId: recordId(after)!, color: CHANGED_COLOR, kind: 'changed' as const })),
  ]
}

export function ComparePanel({ workshopId, snapshots, currentTime, onHighlights, onShow }: ComparePanelProps) {
  const { language, messages } = useLanguage()
  const timeZone = useWorkshopTimeZone()
  const [a, setA] = useState<CompareEnd | null>(null)
  const [b, setB] = useState<CompareEnd | null>(null)
  const [result, setResult] = useState<Result>({ kind: 'idle' })
  const onHighlightsRef = useRef(onHighlights)
  onHighlightsRef.current = onHighlights
  const keyA = endKey(a)
  const keyB = endKey(b)

  useEffect(() => {
    if (!a || !b) {
      setResult({ kind: 'idle' })
      return
    }
    let cancelled = false
    setResult({ kind: 'loading' })
    Promise.all([loadEnd(workshopId, a), loadEnd(workshopId, b)])
      .then(([before, after]) => {
        if (!cancelled) setResult({ kind: 'ready', diff: diffRecords(before, after) })
      })
      .catch(() => {
        if (!cancelled) setResult({ kind: 'failed' })
      })
    return () => {
      cancelled = true
    }
    // The keys identify the ends; the objects themselves change identity on every pick.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a and b enter through keyA and keyB
  }, [workshopId, keyA, keyB])

  useEffect(() => {
    onHighlightsRef.current(result.kind === 'ready' ? highlightsOf(result.diff) : result.kind === 'idle' ? null : [])
  }, [result])

  const describe = (end: CompareEnd | null) => {
    if (!end) return messages.replayCompareNotSet
    const clock = formatMoment(endTime(end), language, timeZone)
    return end.kind === 'snapshot' ? `${end.snapshot.label} (${clock.time})` : `${clock.time} ${clock.date}`
  }

  const picker = (side: 'a' | 'b', end: CompareEnd | null, set: (end: CompareEnd | null) => void) => (
    <div className="replay-compare__end" data-testid={`compare-${side}`}>
      <strong>{side === 'a' ? messages.replayCompareA : messages.replayCompareB}:</strong>{' '}
      <span data-testid={`compare-${side}-value`}>{describe(end)}</span>
      <div className="button-row">
        <button type="button" className="secondary" data-testid={`compare-set-${side}`} onClick={() => set({ kind: 'moment', at: currentTime })}>
          {side === 'a' ? messages.replayCompareSetA : messages.replayCompareSetB}
        </button>
        <select
          aria-label={`${side === 'a' ? messages.replayCompareA : messages.replayCompareB}: ${messages.replayComparePickSnapshot}`}
          data-testid={`compare-${side}-snapshot`}
          value={end?.kind === 'snapshot' ? end.snapshot.id : ''}
          onChange={(event) => {
            const snapshot = snapshots.find((candidate) => candidate.id === event.target.value)
            if (snapshot) set({ kind: 'snapshot', snapshot })
          }}
        >
          <option value="">{messages.replayComparePickSnapshot}</option>
          {snapshots.map((snapshot) => (
            <option key={snapshot.id} value={snapshot.id}>
              {snapshot.label} ({formatMoment(Date.parse(snapshot.createdAt), language, timeZone).time})
            </option>
          ))}
        </select>
      </div>
    </div>
  )

  return (
    <section className="replay-panel" aria-labelledby="replay-compare-heading" data-testid="replay-compare">
      <h2 id="replay-compare-heading">{messages.replayCompareHeading}</h2>
      {picker('a', a, setA)}
      {picker('b', b, setB)}
      {result.kind === 'loading' && <p className="hint">{messages.replayCompareLoading}</p>}
      {result.kind === 'failed' && <p className="error">{messages.replayCompareFailed}</p>}
      {result.kind === 'ready' && (
        <div data-testid="compare-result">
          <dl className="replay-compare__counts">
            <div className="replay-compare__count replay-compare__count--added">
              <dt>{messages.replayCompareAdded}</dt>
              <dd data-testid="compare-added">{result.diff.added.length}</dd>
            </div>
            <div className="replay-compare__count replay-compare__count--removed">
              <dt>{messages.replayCompareRemoved}</dt>
              <dd data-testid="compare-removed">{result.diff.removed.length}</dd>
            </div>
            <div className="replay-compare__count replay-compare__count--changed">
              <dt>{messages.replayCompareChanged}</dt>
              <dd data-testid="compare-changed">{result.diff.changed.length}</dd>
            </div>
          </dl>
          <p className="hint">{messages.replayCompareHint}</p>
          {result.diff.removed.length > 0 && (
            <>
              <h3 className="replay-panel__subheading">{messages.replayCompareRemovedList}</h3>
              <ul className="replay-compare__removed" data-testid="compare-removed-list">
                {result.diff.removed.map((record) => (
                  <li key={recordId(record)}>
                    <span className="replay-compare__type">{messages[shapeTypeKey(record)]}</span> {shapeText(record)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="button-row">
            {b && (
              <button type="button" className="secondary" data-testid="compare-show-b" onClick={() => onShow(endTime(b))}>
                {messages.replayCompareShowB}
              </button>
            )}
            <button
              type="button"
              className="secondary"
              data-testid="compare-clear"
              onClick={() => {
                setA(null)
                setB(null)
              }}
            >
              {messages.replayCompareClear}
            </button>
          </div>
        </div>
      )}
    </section>
  )
}
