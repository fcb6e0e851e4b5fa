/**
 * The "Exportieren" button and its panel, for roles that may export (facilitator, reviewer):
 * PNG/SVG of the board, the selection or each frame (zipped), PDF with one page per frame, the
 * board as .tldr and the results record as Markdown/CSV. Shows progress (frame k of N), keeps the
 * buttons disabled while an export runs and shows failures. In the replay it exports the moment shown.
 */
import { can, type Role } from '@quartierboard/shared'
import type { Editor } from '@tldraw/tldraw'
import { useId, useRef, useState, useCallback } from 'react'
import { useCloseOnEscape } from '../ui/use-close-on-escape'
import { useDialogFocus } from '../ui/use-dialog-focus'
import { useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import { ExportProblem, problemText } from './export-problem'
import { runExport, type ExportJob } from './export-jobs'
import { BACKGROUNDS, IMAGE_SCOPES, SCALES, type Background, type ImageFormat, type ImageScope, type Scale } from './image-options'
import type { ServerFormat } from './server-files'
import { fillTemplate } from './template'
import { useWorkshopFacts } from './use-workshop-facts'
import './export.css'

interface ExportMenuProps {
  workshopId: string
  /** The editor whose board is exported (asked at export time); left out where no board is drawn (the dashboard). */
  getEditor?: () => Editor | null
  /** Known on the live board; the replay leaves them out and the menu loads them. */
  title?: string
  role?: Role
  /** The session to name in the PDF header (null: none); left out, the running session's. */
  sessionTitle?: string | null
  /** The workshop's time zone, when the caller knows it. */
  timeZone?: string
  /** Replay: the moment shown (epoch ms); board files then come from the history at that moment. */
  at?: number | null
  /** Opens the panel at once (the board opened from the dashboard's "export there" link). */
  initiallyOpen?: boolean
}

const SCOPE_LABEL: Record<ImageScope, keyof Messages> = {
  board: 'exportScopeBoard',
  selection: 'exportScopeSelection',
  frames: 'exportScopeFrames',
}

const BACKGROUND_LABEL: Record<Background, keyof Messages> = {
  white: 'exportBackgroundWhite',
  transparent: 'exportBackgroundTransparent',
}

const SERVER_BUTTONS: ReadonlyArray<{ format: ServerFormat; label: keyof Messages }> = [
  { format: 'tldr', label: 'exportTldr' },
  { format: 'md', label: 'exportMarkdown' },
  { format: 'csv', label: 'exportCsv' },
  { format: 'json', label: 'exportJson' },
]

interface Busy {
  done: number
  total: number
  /** What is counted: PDF pages or frame pictures. */
  counting: 'pages' | 'frames'
}

export function ExportMenu({ workshopId, getEditor, title, role, sessionTitle, timeZone, at = null, initiallyOpen = false }: ExportMenuProps) {
  const { language, messages } = useLanguage()
  const facts = useWorkshopFacts(workshopId, { title, role, sessionTitle, timeZone })
  const panelId = useId()
  const [open, setOpen] = useState(initiallyOpen)
  const cancelRef = useRef<AbortController | null>(null)
  const closePanel = useCallback(() => setOpen(false), [])
  const [scope, setScope] = useState<ImageScope>('board')
  const [background, setBackground] = useState<Background>('white')
  const [scale, setScale] = useState<Scale>(2)
  const [busy, setBusy] = useState<Busy | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)

  useCloseOnEscape(open, closePanel)
  const openerRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  useDialogFocus(open, panelRef, openerRef)

  if (!facts || !can(facts.role, 'export')) return null

  async function run(job: ExportJob) {
    if (!facts) return
    const counting = job.kind === 'pdf' ? 'pages' : 'frames'
    setBusy({ done: 0, total: 0, counting })
    setError(null)
    setDone(null)
    const cancel = new AbortController()
    cancelRef.current = cancel
    try {
      const name = await runExport(
        job,
        { workshopId, title: facts.title, sessionTitle: facts.sessionTitle, timeZone: facts.timeZone, at, language, messages, editor: getEditor?.() ?? null },
        (doneCount, total) => setBusy({ done: doneCount, total, counting }),
        cancel.signal,
      )
      setDone(fillTemplate(messages.exportDone, { name }))
    } catch (failure) {
      if (failure instanceof ExportProblem && failure.messageKey === 'exportCancelled') setDone(messages.exportCancelled)
      else setError(fillTemplate(messages.exportFailed, { reason: problemText(failure, messages) }))
    } finally {
      cancelRef.current = null
      setBusy(null)
    }
  }

  const image = (format: ImageFormat) => void run({ kind: 'image', choice: { format, scope, background, scale } })
  const disabled = busy !== null

  return (
    <div className="export-menu">
      <button
        type="button"
        className="secondary export-menu__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="export-open"
        ref={openerRef}
        onClick={() => setOpen(!open)}
      >
        {messages.exportOpen}
      </button>
      {open && (
        <div className="export-menu__panel" id={panelId} role="dialog" aria-label={messages.exportHeading} data-testid="export-panel" ref={panelRef} tabIndex={-1} aria-busy={disabled}>
          <div className="export-menu__header">
            <h2>{messages.exportHeading}</h2>
            <button type="button" className="secondary" onClick={() => setOpen(false)} data-testid="export-close">
              {messages.exportClose}
            </button>
          </div>
          {at !== null && <p className="hint">{messages.exportMomentHint}</p>}

          {getEditor ? (
            <>
              <fieldset>
                <legend>{messages.exportImageHeading}</legend>
                <div className="export-menu__options">
                  <label>
                    {messages.exportScope}
                    <select value={scope} onChange={(event) => setScope(event.target.value as ImageScope)} data-testid="export-scope">
                      {IMAGE_SCOPES.map((value) => (
                        <option key={value} value={value}>
                          {messages[SCOPE_LABEL[value]]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {messages.exportBackground}
                    <select value={background} onChange={(event) => setBackground(event.target.value as Background)} data-testid="export-background">
                      {BACKGROUNDS.map((value) => (
                        <option key={value} value={value}>
                          {messages[BACKGROUND_LABEL[value]]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {messages.exportScale}
                    <select value={scale} onChange={(event) => setScale(Number(event.target.value) as Scale)} data-testid="export-scale">
                      {SCALES.map((value) => (
                        <option key={value} value={value}>
                          {value}×
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
                <div className="button-row">
                  <button type="button" disabled={disabled} onClick={() => image('png')} data-testid="export-png">
                    {messages.exportPng}
                  </button>
                  <button type="button" disabled={disabled} onClick={() => image('svg')} data-testid="export-svg">
                    {messages.exportSvg}
                  </button>
                </div>
              </fieldset>

              <fieldset>
                <legend>{messages.exportPdfHeading}</legend>
                <p className="hint">{messages.exportPdfHint}</p>
                <div className="button-row">
                  <button type="button" disabled={disabled} onClick={() => void run({ kind: 'pdf' })} data-testid="export-pdf">
                    {messages.exportPdf}
                  </button>
                </div>
              </fieldset>
            </>
          ) : (
            <p className="hint" data-testid="export-pictures-on-board">
              {messages.exportPicturesOnBoard}{' '}
              <a href={`/w/${encodeURIComponent(workshopId)}?export=open`} data-testid="export-open-board">
                {messages.exportPicturesOpenBoard}
              </a>
            </p>
          )}

          <fieldset>
            <legend>{messages.exportDataHeading}</legend>
            <div className="button-row">
              {SERVER_BUTTONS.map(({ format, label }) => (
                <button key={format} type="button" className="secondary" disabled={disabled} onClick={() => void run({ kind: 'server', format })} data-testid={`export-${format}`}>
                  {messages[label]}
                </button>
              ))}
            </div>
          </fieldset>

          <div className="export-status" aria-live="polite">
            {busy && (
              <div role="status" data-testid="export-progress" data-done={busy.done} data-total={busy.total}>
                {busy.total > 1 ? fillTemplate(busy.counting === 'pages' ? messages.exportProgressPages : messages.exportProgress, { done: busy.done, total: busy.total }) : messages.exportBusy}
                <progress max={busy.total || undefined} value={busy.total ? busy.done : undefined} />
                {busy.total > 1 && (
                  <button type="button" className="secondary" onClick={() => cancelRef.current?.abort()} data-testid="export-cancel">
                    {messages.exportCancel}
                  </button>
                )}
              </div>
            )}
            {error && (
              <p className="error" role="alert" data-testid="export-error">
                {error}
              </p>
            )}
            {done && (
              <p className="notice" data-testid="export-done">
                {done}
              </p>
            )}
          </div>
        </div>
      )}
    </div>
  )
}
