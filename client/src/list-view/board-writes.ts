/**
 * What the list view changes on the board, through the same tldraw editor the canvas uses: so the
 * change goes into the one store, the binding writes it to the shared document, everyone's canvas
 * shows it, and tldraw's own rules apply as if it were drawn (the note's size follows its text, the
 * last editor is recorded, a note made during silent brainstorming gets the private flag from the
 * side effect in facilitation/private-notes.ts).
 */
import { createShapeId, toRichText, type Editor, type TLFrameShape, type TLShapeId } from '@tldraw/tldraw'
import { freeNoteSpot, type Box } from './note-placement'

/** tldraw's sticky note at scale 1 (its NOTE_SIZE). */
const NOTE_SIZE = { w: 200, h: 200 }

/** The boxes of a frame's children, in the frame's coordinates (frames are not rotated in practice). */
function childBoxes(editor: Editor, frame: TLFrameShape): Box[] {
  const origin = editor.getShapePageBounds(frame)
  if (!origin) return []
  return editor.getSortedChildIdsForParent(frame.id).flatMap((id) => {
    const bounds = editor.getShapePageBounds(id)
    return bounds ? [{ x: bounds.x - origin.x, y: bounds.y - origin.y, w: bounds.w, h: bounds.h }] : []
  })
}

/**
 * Adds a note with `text` to the frame, in its first free grid cell (see note-placement.ts); the
 * frame grows when it is full. Returns the note's id, or null when the frame is gone.
 */
export function addNoteToFrame(editor: Editor, frameId: string, text: string): TLShapeId | null {
  const frame = editor.getShape<TLFrameShape>(frameId as TLShapeId)
  if (!frame || frame.type !== 'frame') return null
  const spot = freeNoteSpot({ w: frame.props.w, h: frame.props.h }, childBoxes(editor, frame), NOTE_SIZE)
  const id = createShapeId()
  editor.run(() => {
    if (spot.frame.w !== frame.props.w || spot.frame.h !== frame.props.h) {
      editor.updateShape<TLFrameShape>({ id: frame.id, type: 'frame', props: { w: spot.frame.w, h: spot.frame.h } })
    }
    editor.createShape({
      id,
      type: 'note',
      parentId: frame.id,
      x: spot.x,
      y: spot.y,
      props: { richText: toRichText(text), textLastEditedBy: editor.getAttributionUserId() },
    })
  })
  return id
}

/** Replaces a note's text (tldraw records this person as its last editor). */
export function changeNoteText(editor: Editor, noteId: string, text: string): void {
  const note = editor.getShape(noteId as TLShapeId)
  if (note?.type !== 'note') return
  editor.updateShape({ id: note.id, type: 'note', props: { richText: toRichText(text) } })
}

/** Deletes a note. */
export function deleteNote(editor: Editor, noteId: string): void {
  const note = editor.getShape(noteId as TLShapeId)
  if (note?.type === 'note') editor.deleteShape(note.id)
}
