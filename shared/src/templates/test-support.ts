/** Test support for templates: deterministic ids, plain text of records, boxes of placed shapes. */
import type { BoxModel, TLRecord, TLShape } from '@tldraw/tlschema'
import { elementBox } from './template-geometry.js'
import type { WorkshopTemplate } from './template-types.js'

/** An id generator yielding `prefix1`, `prefix2`, … */
export function counterIds(prefix = 't'): () => string {
  let next = 0
  return () => `${prefix}${++next}`
}

/** The plain text of a TipTap node: text nodes joined, paragraphs separated by newlines. */
export function plainText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return ''
  const { text, content, type } = node as { text?: unknown; content?: unknown; type?: unknown }
  if (typeof text === 'string') return text
  if (!Array.isArray(content)) return ''
  return content.map(plainText).join(type === 'doc' ? '\n' : '')
}

/** The user-visible text of a record: a frame's name or a shape's rich text; '' for anything else. */
export function recordText(record: TLRecord): string {
  if (record.typeName !== 'shape') return ''
  const props = record.props as { name?: unknown; richText?: unknown }
  if (typeof props.name === 'string') return props.name
  return plainText(props.richText)
}

/** The template element key stored in a placed shape's meta. */
export function templateKeyOf(shape: TLShape): string {
  return String(shape.meta['templateKey'])
}

/** A placed (non-arrow) shape's box relative to its parent, sized like its template element. */
export function placedBox(template: WorkshopTemplate, shape: TLShape): BoxModel {
  const element = template.elements.find((candidate) => candidate.key === templateKeyOf(shape))
  if (!element || element.kind === 'arrow') throw new Error(`no box element for ${shape.id}`)
  const { w, h } = elementBox(element)
  return { x: shape.x, y: shape.y, w, h }
}
