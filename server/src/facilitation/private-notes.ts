/**
 * Private sticky notes (silent brainstorming). The author's browser keeps them out of the board
 * document (they carry `meta.quartierboardPrivate`, see shared/src/binding) and sends them here;
 * only a valid note shape is accepted. The reveal strips the flag and, in anonymous mode, the
 * last editor.
 */
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { PRIVATE_NOTE_META } from '@quartierboard/shared'

/** Why a record cannot be a private note, or null when it can. */
export function privateNoteProblem(record: Record<string, unknown>, schema: TLSchema): string | null {
  if (record.typeName !== 'shape' || record.type !== 'note') return 'only sticky notes can be private'
  if (typeof record.id !== 'string' || !record.id.startsWith('shape:')) return 'a note needs a shape id'
  if (JSON.stringify(record).length > 64 * 1024) return 'the note is too large'
  try {
    schema.types.shape.validate(record)
  } catch (error) {
    return `invalid note: ${error instanceof Error ? error.message : String(error)}`
  }
  return null
}

/** The note as it goes on the board. */
export function revealedNote(record: TLRecord, anonymous: boolean): TLRecord {
  const { [PRIVATE_NOTE_META]: _private, ...meta } = (record.meta ?? {}) as Record<string, unknown>
  const props = (record as { props: Record<string, unknown> }).props
  return { ...record, meta, props: anonymous ? { ...props, textLastEditedBy: null } : props } as TLRecord
}
