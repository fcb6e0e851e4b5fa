/**
 * Places a workshop template on a page: resolves its text for a field of action and locale and turns
 * its elements into tldraw records ready for `store.put` (frames before their children, arrows after
 * their ends, then the arrow bindings), with fresh ids and fractional indices above `indexAbove`.
 * Every shape's meta records its template, element and placement; every shape but frames also keeps a
 * copy of the text it was given, so exports can tell untouched scaffolding from content (template-meta.ts).
 */
import { getIndicesAbove, type IndexKey } from '@tldraw/utils'
import {
  createBindingId,
  createShapeId,
  type BoxModel,
  type TLPageId,
  type TLParentId,
  type TLRecord,
  type TLShapeId,
  type VecModel,
} from '@tldraw/tlschema'
import type { FieldOfAction } from '../api.js'
import {
  arrowBindingRecord,
  arrowRecord,
  frameRecord,
  geoRecord,
  noteRecord,
  textRecord,
  type ShapePlacement,
} from './shape-records.js'
import { boxCenter, elementBox, templateBounds } from './template-geometry.js'
import { SCAFFOLD_META_KEY } from './template-meta.js'
import { resolveText } from './template-text.js'
import { analyseTemplate } from './template-tree.js'
import type { BoxElement, TemplateElement, TemplateLocale, TemplateText, WorkshopTemplate } from './template-types.js'

/** How and where to place a template. */
export interface PlaceTemplateOptions {
  /** The workshop's field of action; selects field-specific prompts and examples. */
  field: FieldOfAction
  /** Language of the placed text; defaults to German. */
  locale?: TemplateLocale
  /** Page point the template origin (its top-left corner) lands on. */
  origin: VecModel
  pageId: TLPageId
  /** Returns a fresh unique id (without the `shape:`/`binding:` prefix), e.g. tldraw's `uniqueId`. */
  createId: () => string
  /** The highest index among the page's top-level shapes, so the template lands on top of them. */
  indexAbove?: string
}

/** The records of a placed template and where it ended up. */
export interface PlacedTemplate {
  /** Shapes (each frame before its children, arrows after their ends), then the arrow bindings. */
  records: TLRecord[]
  /** Ids of the placed shapes that sit directly on the page (for selecting the template). */
  rootShapeIds: TLShapeId[]
  /** The placed template's bounds in page coordinates (for zooming to it). */
  bounds: BoxModel
}

/** Turns `template` into tldraw records on `options.pageId` at `options.origin`. */
export function placeTemplate(template: WorkshopTemplate, options: PlaceTemplateOptions): PlacedTemplate {
  const { field, origin, pageId } = options
  const locale = options.locale ?? 'de'
  const tree = analyseTemplate(template)
  const text = (value: TemplateText): string => resolveText(value, field, locale)

  const usedIds = new Set<string>()
  const freshId = (): string => {
    const id = options.createId()
    if (usedIds.has(id)) throw new Error(`placeTemplate: createId returned '${id}' twice`)
    usedIds.add(id)
    return id
  }
  const shapeIds = new Map<string, TLShapeId>(tree.order.map((element) => [element.key, createShapeId(freshId())]))
  const indices = siblingIndices(tree.order, tree.parentOf, options.indexAbove)
  // The first shape's id names this placement, so no extra id is drawn from `createId`.
  const instance = tree.order[0] ? (shapeIds.get(tree.order[0].key) as string) : ''

  const boxOf = (key: string): BoxModel => elementBox(tree.byKey.get(key) as BoxElement)
  const placementAt = (element: TemplateElement, point: VecModel, inserted: string | null): ShapePlacement => {
    const parentKey = tree.parentOf.get(element.key)
    const parentOrigin = parentKey === undefined ? { x: -origin.x, y: -origin.y } : boxOf(parentKey)
    return {
      id: shapeIds.get(element.key) as TLShapeId,
      parentId: parentKey === undefined ? pageId : (shapeIds.get(parentKey) as TLParentId),
      index: indices.get(element.key) as IndexKey,
      x: point.x - parentOrigin.x,
      y: point.y - parentOrigin.y,
      meta: {
        templateId: template.id,
        templateKey: element.key,
        templateInstance: instance,
        ...(inserted === null ? {} : { [SCAFFOLD_META_KEY]: inserted }),
      },
    }
  }

  const shapes: TLRecord[] = []
  const bindings: TLRecord[] = []
  for (const element of tree.order) {
    switch (element.kind) {
      // Frames are structure, not scaffolding: their names stay group titles whatever happens.
      case 'frame':
        shapes.push(frameRecord(element, placementAt(element, element, null), text(element.text)))
        break
      case 'note': {
        const inserted = text(element.text)
        shapes.push(noteRecord(element, placementAt(element, element, inserted), inserted))
        break
      }
      case 'text': {
        const inserted = text(element.text)
        shapes.push(textRecord(element, placementAt(element, element, inserted), inserted))
        break
      }
      case 'geo': {
        const inserted = element.text ? text(element.text) : ''
        shapes.push(geoRecord(element, placementAt(element, element, inserted), inserted))
        break
      }
      case 'arrow': {
        const start = boxCenter(boxOf(element.from))
        const end = boxCenter(boxOf(element.to))
        const label = element.text ? text(element.text) : ''
        const placement = placementAt(element, start, label)
        shapes.push(arrowRecord(element, placement, { x: end.x - start.x, y: end.y - start.y }, label))
        const bindingMeta = { templateId: template.id, templateKey: element.key, templateInstance: instance }
        for (const [terminal, target] of [['start', element.from], ['end', element.to]] as const) {
          const bindingId = createBindingId(freshId())
          bindings.push(arrowBindingRecord(bindingId, placement.id, shapeIds.get(target) as TLShapeId, terminal, bindingMeta))
        }
        break
      }
    }
  }

  const local = templateBounds(template)
  const roots = tree.order.filter((element) => tree.parentOf.get(element.key) === undefined)
  return {
    records: [...shapes, ...bindings],
    rootShapeIds: roots.map((element) => shapeIds.get(element.key) as TLShapeId),
    bounds: { x: origin.x + local.x, y: origin.y + local.y, w: local.w, h: local.h },
  }
}

/** Fractional indices per sibling group, in template order; top-level shapes go above `indexAbove` (throws if invalid). */
function siblingIndices(
  order: readonly TemplateElement[],
  parentOf: ReadonlyMap<string, string | undefined>,
  indexAbove: string | undefined,
): Map<string, IndexKey> {
  const siblings = new Map<string | undefined, string[]>()
  for (const element of order) {
    const parent = parentOf.get(element.key)
    siblings.set(parent, [...(siblings.get(parent) ?? []), element.key])
  }
  const indices = new Map<string, IndexKey>()
  for (const [parent, keys] of siblings) {
    const below = parent === undefined ? ((indexAbove as IndexKey | undefined) ?? null) : null
    getIndicesAbove(below, keys.length).forEach((index, i) => indices.set(keys[i] as string, index))
  }
  return indices
}
