import { toRichText, type TLPageId, type TLRecord, type TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { placeTemplate } from './place-template.js'
import { WORKSHOP_TEMPLATES } from './registry.js'
import { isUntouchedScaffold, SCAFFOLD_META_KEY, templateProvenance } from './template-meta.js'
import { counterIds, templateKeyOf } from './test-support.js'

const PAGE = 'page:page' as TLPageId
const shapesOf = (records: TLRecord[]): TLShape[] => records.filter((record): record is TLShape => record.typeName === 'shape')

function placed(templateIndex: number, createId = counterIds()) {
  const template = WORKSHOP_TEMPLATES[templateIndex]!
  return shapesOf(placeTemplate(template, { field: 'quartiersentwicklung', origin: { x: 0, y: 0 }, pageId: PAGE, createId }).records)
}

function withText(shape: TLShape, text: string): TLShape {
  return { ...shape, props: { ...shape.props, richText: toRichText(text) } } as TLShape
}

describe('template meta', () => {
  it('marks every placed shape but frames as untouched scaffolding', () => {
    for (const index of WORKSHOP_TEMPLATES.keys()) {
      for (const shape of placed(index)) {
        expect(isUntouchedScaffold(shape), templateKeyOf(shape)).toBe(shape.type !== 'frame')
        if (shape.type !== 'frame') expect(typeof shape.meta[SCAFFOLD_META_KEY]).toBe('string')
      }
    }
  })

  it('counts a scaffold shape again once its text is edited, and never counts a shape people made', () => {
    const prompt = placed(0).find((shape) => templateKeyOf(shape) === 'situation-prompt')!
    expect(isUntouchedScaffold(withText(prompt, 'Leerstand am Markt'))).toBe(false)
    // Colour or position changes do not make a prompt content.
    expect(isUntouchedScaffold({ ...prompt, x: prompt.x + 100, props: { ...prompt.props, color: 'red' } } as TLShape)).toBe(true)
    expect(isUntouchedScaffold({ ...prompt, meta: {} })).toBe(false)
  })

  it('recognises scaffolding placed before the text copy was recorded by its template wording', () => {
    const example = placed(2).find((shape) => templateKeyOf(shape) === 'example')!
    const { [SCAFFOLD_META_KEY]: _copy, ...legacyMeta } = example.meta
    const legacy = { ...example, meta: legacyMeta } as TLShape
    expect(isUntouchedScaffold(legacy)).toBe(true)
    expect(isUntouchedScaffold(withText(legacy, 'Beispiel: etwas Eigenes'))).toBe(false)
    expect(isUntouchedScaffold({ ...legacy, meta: { ...legacyMeta, templateKey: 'no-such-key' } } as TLShape)).toBe(false)
  })

  it('gives all shapes of one placement one instance id, and another placement another', () => {
    const createId = counterIds()
    const first = new Set(placed(1, createId).map((shape) => templateProvenance(shape)?.templateInstance))
    const second = new Set(placed(1, createId).map((shape) => templateProvenance(shape)?.templateInstance))
    expect(first.size).toBe(1)
    expect(second.size).toBe(1)
    expect([...first][0]).not.toBe([...second][0])
    expect(templateProvenance({ meta: {} })).toBeNull()
    expect(templateProvenance({ meta: { templateId: 'actor-map', templateKey: 'areas' } })).toEqual({
      templateId: 'actor-map',
      templateKey: 'areas',
      templateInstance: null,
    })
  })
})
