/**
 * "Wer hat was geschrieben": per person, the texts on the board at the moment shown that they
 * created. Each entry is a button: it selects its shape and brings it into view (on its page), so
 * the list works with the keyboard as well as the mouse.
 */
import { useValue, type Editor, type TLPageId, type TLShapeId } from '@tldraw/tldraw'
import { useMemo } from 'react'
import { useLanguage } from '../i18n/language'
import type { AuthorStyles } from './author-palette'
import { AuthorBadge } from './AuthorBadge'
import type { BoardRecord } from './board-diff'
import { readableCamera } from './readable-camera'
import type { ProvenanceState } from './use-provenance'
import { writtenBy } from './written-by'

interface WrittenByListProps {
  editor: Editor | null
  provenance: ProvenanceState
  styles: AuthorStyles
}

/** Selects the shape and brings it into view, switching page when it lies on another. */
export function jumpToShape(editor: Editor, shapeId: string): void {
  const id = shapeId as TLShapeId
  const pageId: TLPageId | undefined = editor.getAncestorPageId(id)
  if (!pageId) return
  if (pageId !== editor.getCurrentPageId()) editor.setCurrentPage(pageId)
  editor.select(id)
  const bounds = editor.getShapePageBounds(id)
  if (!bounds) return
  // The same readable view the canvas opens with: the shape whole, between 50 % and 100 %.
  const screen = editor.getViewportScreenBounds()
  editor.setCamera(readableCamera({ x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h }, { w: screen.w, h: screen.h }), { animation: { duration: 250 } })
}

export function WrittenByList({ editor, provenance, styles }: WrittenByListProps) {
  const { messages } = useLanguage()
  const shapes = useValue(
    'replay shapes',
    () => (editor ? editor.getPages().flatMap((page) => [...editor.getPageShapeIds(page.id)].map((id) => editor.getShape(id)!).filter(Boolean)) : []),
    [editor],
  )
  const groups = useMemo(() => writtenBy(shapes as unknown as BoardRecord[], provenance.shapes, styles), [shapes, provenance.shapes, styles])

  return (
    <section className="replay-panel" aria-labelledby="replay-written-heading" data-testid="replay-written" data-at={provenance.at ?? ''}>
      <h2 id="replay-written-heading">{messages.replayWrittenHeading}</h2>
      {provenance.failed && <p className="error">{messages.errorGeneric}</p>}
      {provenance.at !== null && groups.length === 0 && <p className="hint">{messages.replayWrittenNone}</p>}
      {groups.map((group) => (
        <div key={group.style.person} className="replay-written__person" data-testid="replay-written-person" data-person={group.style.person}>
          <h3 className="replay-panel__subheading">
            <AuthorBadge style={group.style} messages={messages} />
          </h3>
          <ul className="replay-written__entries">
            {group.entries.map((entry) => (
              <li key={entry.shapeId}>
                <button
                  type="button"
                  className="link-button replay-written__entry"
                  data-testid="replay-written-entry"
                  data-shape-id={entry.shapeId}
                  aria-label={`${messages.replayWrittenJump} ${entry.text}`}
                  onClick={() => editor && jumpToShape(editor, entry.shapeId)}
                >
                  {entry.text}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  )
}
