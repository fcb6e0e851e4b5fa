import type { TLArrowBinding, TLArrowShape, TLPageId, TLRecord, TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { FIELDS_OF_ACTION, type FieldOfAction } from '../api.js'
import { createBoardStore } from '../binding/board-store.js'
import { createBoardSchema } from '../schema.js'
import { placeTemplate, type PlaceTemplateOptions } from './place-template.js'
import { WORKSHOP_TEMPLATES, findTemplate } from './registry.js'
import { boxContains, templateBounds } from './template-geometry.js'
import { TEMPLATE_LOCALES, type WorkshopTemplate } from './template-types.js'
import { counterIds, placedBox, recordText, templateKeyOf } from './test-support.js'

const schema = createBoardSchema()
const PAGE = 'page:page' as TLPageId

function place(template: WorkshopTemplate, options: Partial<PlaceTemplateOptions> = {}) {
  return placeTemplate(template, { field: 'other', origin: { x: 0, y: 0 }, pageId: PAGE, createId: counterIds(), ...options })
}

const shapesOf = (records: TLRecord[]): TLShape[] => records.filter((record): record is TLShape => record.typeName === 'shape')
const bindingsOf = (records: TLRecord[]): TLArrowBinding[] =>
  records.filter((record): record is TLArrowBinding => record.typeName === 'binding')
const textsOf = (records: TLRecord[]): string[] => records.map(recordText).filter((text) => text !== '')
const byKey = (records: TLRecord[], key: string): TLShape => {
  const shape = shapesOf(records).find((candidate) => templateKeyOf(candidate) === key)
  if (!shape) throw new Error(`no shape for ${key}`)
  return shape
}

const mustTemplate = (id: string): WorkshopTemplate => {
  const template = findTemplate(id)
  if (!template) throw new Error(`no template ${id}`)
  return template
}

describe('placeTemplate', () => {
  const cases = WORKSHOP_TEMPLATES.flatMap((template) =>
    FIELDS_OF_ACTION.flatMap((field) => TEMPLATE_LOCALES.map((locale) => [template.id, field, locale, template] as const)),
  )

  it.each(cases)('%s × %s × %s: valid, complete and consistent records', (_id, field, locale, template) => {
    const { records, rootShapeIds, bounds } = place(template, { field, locale, origin: { x: 300, y: -120 }, indexAbove: 'a5' })
    const shapes = shapesOf(records)
    const bindings = bindingsOf(records)
    const arrows = template.elements.filter((element) => element.kind === 'arrow')

    // tldraw validation, record by record and through a real store
    for (const record of records) expect(() => schema.types[record.typeName].validate(record)).not.toThrow()
    const store = createBoardStore()
    store.put(records)
    for (const record of records) expect(store.get(record.id)).toEqual(record)

    // one shape per element, two bindings per arrow, unique ids, shapes before bindings
    expect(shapes).toHaveLength(template.elements.length)
    expect(bindings).toHaveLength(2 * arrows.length)
    expect(new Set(records.map((record) => record.id)).size).toBe(records.length)
    expect(records.slice(0, shapes.length).every((record) => record.typeName === 'shape')).toBe(true)

    // frames before their children; children inside their frame
    const seen = new Map<string, TLShape>()
    for (const shape of shapes) {
      if (shape.parentId !== PAGE) {
        const frame = seen.get(shape.parentId)
        expect(frame?.type, `${templateKeyOf(shape)} has a placed frame parent`).toBe('frame')
        if (frame?.type !== 'frame') continue
        const frameBox = { x: 0, y: 0, w: frame.props.w, h: frame.props.h }
        if (shape.type === 'arrow') {
          const { start, end } = shape.props
          expect(boxContains(frameBox, { x: shape.x + start.x, y: shape.y + start.y, w: 0, h: 0 })).toBe(true)
          expect(boxContains(frameBox, { x: shape.x + end.x, y: shape.y + end.y, w: 0, h: 0 })).toBe(true)
        } else {
          expect(boxContains(frameBox, placedBox(template, shape)), `${templateKeyOf(shape)} inside its frame`).toBe(true)
        }
      }
      seen.set(shape.id, shape)
    }

    // fractional indices: increasing in template order among siblings, top level above `indexAbove`
    const lastIndex = new Map<string, string>()
    for (const shape of shapes) {
      const previous = lastIndex.get(shape.parentId)
      if (previous !== undefined) expect(shape.index > previous).toBe(true)
      if (shape.parentId === PAGE) expect(shape.index > 'a5').toBe(true)
      lastIndex.set(shape.parentId, shape.index)
    }
    expect(rootShapeIds).toEqual(shapes.filter((shape) => shape.parentId === PAGE).map((shape) => shape.id))

    // arrow bindings: start and end of each arrow, bound to existing non-arrow shapes
    for (const arrow of shapes.filter((shape): shape is TLArrowShape => shape.type === 'arrow')) {
      const own = bindings.filter((binding) => binding.fromId === arrow.id)
      expect(own.map((binding) => binding.props.terminal).sort()).toEqual(['end', 'start'])
      for (const binding of own) {
        const target = seen.get(binding.toId)
        expect(target).toBeDefined()
        expect(target?.type).not.toBe('arrow')
      }
    }

    // every element shows text, except unlabelled geo areas; page bounds hold every top-level shape
    for (const shape of shapes) if (shape.type !== 'geo') expect(recordText(shape), templateKeyOf(shape)).not.toBe('')
    for (const shape of shapes.filter((candidate) => candidate.parentId === PAGE && candidate.type !== 'arrow')) {
      expect(boxContains(bounds, placedBox(template, shape))).toBe(true)
    }
  })

  it('writes German by default and English when asked', () => {
    const caseStudy = mustTemplate('case-study-map')
    const frameNames = (records: TLRecord[]) => shapesOf(records).flatMap((shape) => (shape.type === 'frame' ? [shape.props.name] : []))
    expect(frameNames(place(caseStudy).records)).toEqual([
      'Ausgangslage',
      'Akteure',
      'Ansatz / Vorgehen',
      'Wirkung',
      'Übertragbarkeit',
      'Offene Fragen',
    ])
    expect(frameNames(place(caseStudy, { locale: 'en' }).records)).toEqual([
      'Initial situation',
      'Actors',
      'Approach',
      'Impact',
      'Transferability',
      'Open questions',
    ])
    expect(recordText(byKey(place(caseStudy).records, 'situation-prompt'))).toBe(
      'Welche Situation fanden Sie vor? Welche Probleme und Potenziale gab es?',
    )

    const actorMap = mustTemplate('actor-map')
    expect(recordText(byKey(place(actorMap).records, 'legend-alliance'))).toBe('Allianz')
    expect(recordText(byKey(place(actorMap, { locale: 'en' }).records, 'legend-alliance'))).toBe('Alliance')

    for (const template of WORKSHOP_TEMPLATES) {
      for (const field of FIELDS_OF_ACTION) {
        const german = textsOf(place(template, { field }).records)
        expect(textsOf(place(template, { field, locale: 'de' }).records)).toEqual(german)
        const english = textsOf(place(template, { field, locale: 'en' }).records)
        expect(english).toHaveLength(german.length)
        // Only names that are the same word in both languages (e.g. "Shortlist") may repeat.
        const same = german.filter((text, i) => text === english[i])
        expect(same.every((text) => text === 'Shortlist'), same.join(' | ')).toBe(true)
      }
    }
  })

  it('tailors prompts and examples to the field of action', () => {
    for (const template of WORKSHOP_TEMPLATES) {
      for (const locale of TEMPLATE_LOCALES) {
        const texts = FIELDS_OF_ACTION.map((field) => textsOf(place(template, { field, locale }).records).join('\n'))
        expect(new Set(texts).size, `${template.id} ${locale}`).toBe(FIELDS_OF_ACTION.length)
      }
    }
    const caseStudy = mustTemplate('case-study-map')
    const prompt = (field: FieldOfAction, key: string) => recordText(byKey(place(caseStudy, { field }).records, key))
    expect(prompt('zentrenentwicklung', 'situation-prompt')).toMatch(/Innenstadt.*Leerstand.*Erdgeschosszonen/)
    expect(prompt('quartiersentwicklung', 'situation-prompt')).toMatch(/Nachbarschaft/)
    expect(prompt('quartiersentwicklung', 'actors-prompt')).toMatch(/Quartiersmanagement/)
    expect(prompt('klein-mittelstaedte', 'situation-prompt')).toMatch(/Ortskern.*Daseinsvorsorge.*ländlichen Raum/)
    expect(prompt('other', 'situation-prompt')).not.toMatch(/Innenstadt|Quartier|Ortskern/)
  })

  it('applies the origin to top-level shapes and the bounds, not to children', () => {
    for (const template of WORKSHOP_TEMPLATES) {
      const atZero = place(template)
      const moved = place(template, { origin: { x: 1000, y: -500 } })
      expect(atZero.bounds).toEqual(templateBounds(template))
      expect(moved.bounds).toEqual({ ...atZero.bounds, x: atZero.bounds.x + 1000, y: atZero.bounds.y - 500 })
      shapesOf(moved.records).forEach((shape, i) => {
        const before = shapesOf(atZero.records)[i] as TLShape
        const offset = shape.parentId === PAGE ? { x: 1000, y: -500 } : { x: 0, y: 0 }
        expect({ x: shape.x, y: shape.y }).toEqual({ x: before.x + offset.x, y: before.y + offset.y })
      })
    }
  })

  it('is deterministic for a given id sequence, and placing twice gives disjoint ids', () => {
    const template = mustTemplate('actor-map')
    expect(place(template, { createId: counterIds('x') }).records).toEqual(place(template, { createId: counterIds('x') }).records)
    const createId = counterIds()
    const first = place(template, { createId }).records.map((record) => record.id)
    const second = place(template, { createId }).records.map((record) => record.id)
    expect(first.filter((id) => second.includes(id))).toEqual([])
  })

  it('puts the alliance arrow into the legend frame, bound to two legend notes', () => {
    const { records } = place(mustTemplate('actor-map'))
    const arrow = byKey(records, 'legend-alliance')
    expect(arrow.parentId).toBe(byKey(records, 'legend').id)
    const targets = bindingsOf(records).map((binding) => [binding.props.terminal, binding.toId])
    expect(targets).toEqual([
      ['start', byKey(records, 'legend-established').id],
      ['end', byKey(records, 'legend-creative').id],
    ])
    const colours = ['legend-established', 'legend-creative', 'legend-culture', 'legend-sociocultural', 'legend-civil'].map((key) => {
      const note = byKey(records, key)
      return note.type === 'note' ? note.props.color : undefined
    })
    expect(new Set(colours).size).toBe(5)
  })

  it('rejects an id generator that repeats itself and an invalid indexAbove', () => {
    const template = mustTemplate('recommendations')
    expect(() => place(template, { createId: () => 'same' })).toThrow(/twice/)
    expect(() => place(template, { indexAbove: 'not an index' })).toThrow()
  })
})
