/**
 * The replay of one timeline (a session or the whole workshop): the canvas at the chosen moment,
 * the timeline with playback and steps, attribution, the selected shape's provenance, who wrote
 * what, the compare panel, and the export of the moment. Owns the moment asked for; the loader
 * decides what the canvas shows. The canvas opens on the first frame at a readable zoom.
 */
import type { History } from '@quartierboard/shared'
import type { Editor } from '@tldraw/tldraw'
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { ExportMenu } from '../export/ExportMenu'
import { LanguageSwitch, useLanguage } from '../i18n/language'
import { applyRecords } from './apply-records'
import { DEFAULT_ATTRIBUTION_WINDOW_MS } from './attribution'
import { AttributionPanel } from './AttributionPanel'
import type { BoardRecord } from './board-diff'
import { ComparePanel } from './ComparePanel'
import type { Highlight } from './HighlightOverlay'
import { historyRange, snapshotMarkers } from './history-view'
import { openReadable } from './readable-camera'
import { ReplayCanvas } from './ReplayCanvas'
import { getStep, stateDownloadUrl } from './replay-api'
import { Timeline } from './Timeline'
import { clampTime, neighbourTimes, playbackPrefetchTimes, sliderStepMs, spreadTimes } from './timeline-math'
import { ShapeDetails } from './ShapeDetails'
import { useAttribution } from './use-attribution'
import { useAuthorStyles } from './use-author-styles'
import { useMomentLoader } from './use-moment-loader'
import { usePlayback } from './use-playback'
import { useProvenance } from './use-provenance'
import { WrittenByList } from './WrittenByList'

interface ReplayWorkspaceProps {
  workshopId: string
  history: History
  licenseKey: string | null
  /** Title and session picker, shown at the start of the header. */
  header: ReactNode
}

interface Moment {
  at: number
  /** Load at once (a click, a step, playback) rather than after the drag settles. */
  immediate: boolean
}

const OVERVIEW_MOMENTS = 9
const NEIGHBOURS = 2
const PLAYBACK_LOOKAHEAD = 4

export function ReplayWorkspace({ workshopId, history, licenseKey, header }: ReplayWorkspaceProps) {
  const { messages } = useLanguage()
  const range = useMemo(() => historyRange(history), [history])
  const step = useMemo(() => sliderStepMs(range, history.resolutionMs), [range, history.resolutionMs])
  const markers = useMemo(() => snapshotMarkers(history.snapshots, range), [history.snapshots, range])

  // The editor, and records that arrived before it mounted.
  const editorRef = useRef<Editor | null>(null)
  const waitingRecords = useRef<readonly BoardRecord[] | null>(null)
  const fitted = useRef(false)
  const showRecords = useCallback((records: readonly BoardRecord[]) => {
    const editor = editorRef.current
    if (!editor) {
      waitingRecords.current = records
      return
    }
    applyRecords(editor, records)
    // Open on the board once, when it first has something to show (after layout, so the viewport
    // has its size); afterwards the camera stays where the reviewer puts it.
    if (!fitted.current && editor.getCurrentPageShapeIds().size > 0) {
      fitted.current = true
      requestAnimationFrame(() => {
        if (editorRef.current === editor) openReadable(editor)
      })
    }
  }, [])
  const [editor, setEditor] = useState<Editor | null>(null)
  const onEditor = useCallback(
    (editor: Editor | null) => {
      editorRef.current = editor
      setEditor(editor)
      if (editor && waitingRecords.current) {
        const records = waitingRecords.current
        waitingRecords.current = null
        showRecords(records)
      }
    },
    [showRecords],
  )

  const loader = useMomentLoader(workshopId, (_at, records) => showRecords(records))
  const [moment, setMoment] = useState<Moment>(() => ({ at: range.to, immediate: true }))
  const [stepNotice, setStepNotice] = useState<string | null>(null)
  const seek = useCallback((at: number, immediate: boolean) => {
    setMoment({ at: clampTime(at, range), immediate })
    setStepNotice(null)
  }, [range])
  const playback = usePlayback(range, moment.at, seek)

  const { show, prefetch } = loader
  useEffect(() => {
    show(moment.at, moment.immediate)
    const ahead = playback.playing
      ? playbackPrefetchTimes(moment.at, playback.speed, range, PLAYBACK_LOOKAHEAD)
      : [...neighbourTimes(moment.at, range, step, NEIGHBOURS), ...spreadTimes(range, OVERVIEW_MOMENTS)]
    prefetch(ahead)
  }, [moment, playback.playing, playback.speed, range, step, show, prefetch])

  async function onStep(direction: 'previous' | 'next') {
    playback.pause()
    try {
      const { at } = await getStep(workshopId, moment.at, direction)
      const target = at === null ? null : Date.parse(at)
      if (target === null || target < range.from || target > range.to) {
        setStepNotice(direction === 'next' ? messages.replayNoLaterChange : messages.replayNoEarlierChange)
        return
      }
      seek(target, true)
    } catch {
      setStepNotice(messages.errorGeneric)
    }
  }

  const [windowMs, setWindowMs] = useState(DEFAULT_ATTRIBUTION_WINDOW_MS)
  const [showOutlines, setShowOutlines] = useState(true)
  const styles = useAuthorStyles(workshopId, history)
  const attribution = useAttribution(workshopId, loader.shownAt, windowMs, styles)
  const provenance = useProvenance(workshopId, loader.shownAt)
  const [compareHighlights, setCompareHighlights] = useState<Highlight[] | null>(null)
  const highlights = useMemo(() => {
    // While two moments are compared, only the diff's outlines show.
    if (compareHighlights) return compareHighlights
    if (!showOutlines || !attribution.attribution) return []
    return [...attribution.attribution.shapeStyles].map(
      ([shapeId, style]): Highlight => ({
        shapeId,
        color: style.color,
        kind: 'author',
        dash: style.dash,
        label: { text: style.initials, textColor: style.textColor },
      }),
    )
  }, [showOutlines, attribution.attribution, compareHighlights])

  return (
    <div className="replay">
      <header className="status-bar">
        {header}
        <a className="button secondary replay__export" data-testid="replay-export" href={stateDownloadUrl(workshopId, moment.at)} download>
          {messages.replayExport}
        </a>
        <ExportMenu workshopId={workshopId} at={loader.shownAt ?? moment.at} sessionTitle={history.session?.title ?? null} getEditor={() => editorRef.current} />
        <a className="status-bar__link" href={`/w/${encodeURIComponent(workshopId)}`}>
          {messages.dashboardOpenBoard}
        </a>
        <LanguageSwitch />
      </header>
      <div className="replay__main">
        <div
          className="replay__canvas"
          data-testid="replay-canvas"
          data-shown-at={loader.shownAt === null ? '' : Math.round(loader.shownAt)}
          data-pending={loader.pending}
          aria-busy={loader.pending}
        >
          <ReplayCanvas workshopId={workshopId} licenseKey={licenseKey} highlights={highlights} onEditor={onEditor} />
          {loader.failed && (
            <div className="banner" role="alert">
              {messages.replayMomentFailed}
            </div>
          )}
        </div>
        <aside className="replay__side">
          {history.updates === 0 && <p className="hint">{messages.replayEmpty}</p>}
          <ShapeDetails editor={editor} provenance={provenance} styles={styles} />
          <AttributionPanel state={attribution} windowMs={windowMs} onWindow={setWindowMs} showOutlines={showOutlines} onShowOutlines={setShowOutlines} />
          <ComparePanel
            workshopId={workshopId}
            snapshots={history.snapshots}
            currentTime={loader.shownAt ?? moment.at}
            onHighlights={setCompareHighlights}
            onShow={(at) => seek(at, true)}
          />
          <WrittenByList editor={editor} provenance={provenance} styles={styles} />
        </aside>
      </div>
      <Timeline
        range={range}
        step={step}
        time={moment.at}
        pending={loader.pending}
        activity={history.activity}
        bucketMs={history.bucketMs}
        markers={markers}
        playing={playback.playing}
        speed={playback.speed}
        stepNotice={stepNotice}
        onSeek={(at, immediate) => {
          if (!immediate) playback.pause()
          seek(at, immediate)
        }}
        onTogglePlay={playback.toggle}
        onSpeed={playback.setSpeed}
        onStep={(direction) => void onStep(direction)}
      />
    </div>
  )
}
