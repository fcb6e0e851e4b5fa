/**
 * The selected shape's provenance: who created it and who changed it last, and when (in the
 * workshop's time zone), from the history up to the moment shown.
 */
import { useValue, type Editor, type TLShapeId } from '@tldraw/tldraw'
import { useLanguage } from '../i18n/language'
import type { AuthorStyles } from './author-palette'
import { AuthorBadge } from './AuthorBadge'
import type { BoardRecord } from './board-diff'
import { formatMoment } from './moment-format'
import { shapeText, shapeTypeKey } from './shape-label'
import type { ProvenanceState } from './use-provenance'
import { useWorkshopTimeZone } from '../i18n/time-zone'

interface ShapeDetailsProps {
  editor: Editor | null
  provenance: ProvenanceState
  styles: AuthorStyles
}

export function ShapeDetails({ editor, provenance, styles }: ShapeDetailsProps) {
  const { language, messages } = useLanguage()
  const timeZone = useWorkshopTimeZone()
  const selected = useValue('replay selection', () => editor?.getSelectedShapeIds() ?? [], [editor])
  const shape = useValue('replay selected shape', () => (editor && selected.length === 1 ? editor.getShape(selected[0] as TLShapeId) : undefined), [editor, selected])

  const when = (t: number) => {
    const clock = formatMoment(t, language, timeZone)
    return `${clock.date} ${clock.time}`
  }

  let body
  if (selected.length === 0) body = <p className="hint">{messages.replayDetailsNone}</p>
  else if (selected.length > 1 || !shape) body = <p className="hint">{messages.replayDetailsMany}</p>
  else {
    const record = shape as unknown as BoardRecord
    const made = provenance.shapes.get(shape.id)
    const text = shapeText(record)
    body = (
      <>
        <p className="replay-details__shape">
          <span className="replay-compare__type">{messages[shapeTypeKey(record)]}</span> {text && <q>{text}</q>}
        </p>
        {made ? (
          <dl className="replay-details__facts">
            <dt>{messages.replayDetailsCreated}</dt>
            <dd data-testid="replay-details-created" data-author={made.createdBy} data-at={made.createdAt}>
              <AuthorBadge style={styles.of(made.createdBy)} messages={messages} />{' '}
              <span className="replay-details__time">{when(made.createdAt)}</span>
            </dd>
            <dt>{messages.replayDetailsChanged}</dt>
            <dd data-testid="replay-details-changed" data-author={made.changedBy} data-at={made.changedAt}>
              <AuthorBadge style={styles.of(made.changedBy)} messages={messages} />{' '}
              <span className="replay-details__time">{when(made.changedAt)}</span>
            </dd>
          </dl>
        ) : provenance.failed ? (
          <p className="error">{messages.errorGeneric}</p>
        ) : provenance.at === null ? (
          <p className="hint">{messages.replayDetailsLoading}</p>
        ) : (
          <p className="hint">{messages.replayDetailsUnknown}</p>
        )}
        <p className="hint replay-details__zone">{messages.replayTimeZoneNote}</p>
      </>
    )
  }

  return (
    <section className="replay-panel" aria-labelledby="replay-details-heading" data-testid="replay-details" data-shape-id={shape?.id ?? ''} aria-live="polite">
      <h2 id="replay-details-heading">{messages.replayDetailsHeading}</h2>
      {body}
    </section>
  )
}
