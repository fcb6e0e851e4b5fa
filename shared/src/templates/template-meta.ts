/**
 * What a placed template leaves in the `meta` of its shapes, and how exports read it back.
 *
 * - `templateId`, `templateKey`: which template and which of its elements a shape came from.
 * - `templateInstance`: one id shared by all shapes of one placement, so two copies of the same template
 *   on a board stay apart (frames of one placement are read together in the template's own order).
 * - `qbScaffold`: on every shape but frames, the plain text the template put there. Prompts, example notes,
 *   area labels and the example arrow are scaffolding: they are not what people wrote. As long as a
 *   shape's text still equals this copy it is left out of the results record; once someone edits the
 *   text, it counts. A copy rather than a hash: it is short, readable in a .tldr file and cannot collide.
 */
import type { JsonObject } from '@tldraw/utils'
import type { TLShape } from '@tldraw/tlschema'
import { FIELDS_OF_ACTION } from '../api.js'
import { plainTextOf } from '../export/rich-text.js'
import { findTemplate } from './registry.js'
import { resolveText } from './template-text.js'
import { TEMPLATE_LOCALES } from './template-types.js'

/** Meta key holding the text a template inserted into a shape. */
export const SCAFFOLD_META_KEY = 'qbScaffold'

/** The template provenance stored in a placed shape's meta, if any. */
export interface TemplateProvenance {
  templateId: string
  templateKey: string
  /** Absent on shapes placed before instances were recorded. */
  templateInstance: string | null
}

function metaOf(shape: Pick<TLShape, 'meta'>): JsonObject {
  const meta: unknown = shape.meta
  return typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? (meta as JsonObject) : {}
}

/** Where a shape came from when a template placed it; null for shapes people made. */
export function templateProvenance(shape: Pick<TLShape, 'meta'>): TemplateProvenance | null {
  const meta = metaOf(shape)
  const { templateId, templateKey, templateInstance } = meta
  if (typeof templateId !== 'string' || typeof templateKey !== 'string') return null
  return { templateId, templateKey, templateInstance: typeof templateInstance === 'string' ? templateInstance : null }
}

/**
 * Every wording the template element behind `provenance` can have (all fields and locales), for shapes
 * placed before `qbScaffold` existed; empty when the template or element is unknown.
 */
function knownWordings(provenance: TemplateProvenance): Set<string> {
  const element = findTemplate(provenance.templateId)?.elements.find((candidate) => candidate.key === provenance.templateKey)
  const wordings = new Set<string>()
  if (!element || element.kind === 'frame' || !element.text) return wordings
  for (const field of FIELDS_OF_ACTION) for (const locale of TEMPLATE_LOCALES) wordings.add(resolveText(element.text, field, locale))
  return wordings
}

/**
 * True when `shape` is template scaffolding nobody changed: its text equals what the template inserted
 * (`qbScaffold`, or for older placements any wording of its template element). Frames are never scaffolding.
 */
export function isUntouchedScaffold(shape: Pick<TLShape, 'type' | 'props' | 'meta'>): boolean {
  if (shape.type === 'frame') return false
  const inserted = metaOf(shape)[SCAFFOLD_META_KEY]
  const text = plainTextOf(shape)
  if (typeof inserted === 'string') return text === inserted
  const provenance = templateProvenance(shape)
  return provenance !== null && knownWordings(provenance).has(text)
}
