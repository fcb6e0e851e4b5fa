import { describe, expect, it } from 'vitest'
import { FIELDS_OF_ACTION } from '../api.js'
import { WORKSHOP_TEMPLATES, findTemplate } from './registry.js'
import { elementBox } from './template-geometry.js'
import { analyseTemplate } from './template-tree.js'
import { TEMPLATE_LOCALES, type LocalizedText, type TemplateText } from './template-types.js'

/** Every localized string of a template: title, description, element texts and their field overrides. */
function allTexts(template: (typeof WORKSHOP_TEMPLATES)[number]): LocalizedText[] {
  const texts: LocalizedText[] = [template.title, template.description]
  for (const element of template.elements) {
    const text: TemplateText | undefined = element.text
    if (!text) continue
    texts.push(text, ...Object.values(text.byField ?? {}))
  }
  return texts
}

describe('workshop templates', () => {
  it('have unique ids and are found by id', () => {
    const ids = WORKSHOP_TEMPLATES.map((template) => template.id)
    expect(ids).toEqual(['case-study-map', 'actor-map', 'recommendations'])
    for (const template of WORKSHOP_TEMPLATES) expect(findTemplate(template.id)).toBe(template)
    expect(findTemplate('nope')).toBeUndefined()
  })

  it.each(WORKSHOP_TEMPLATES.map((template) => [template.id, template] as const))('%s: consistent structure, every string in every locale', (_id, template) => {
    expect(() => analyseTemplate(template)).not.toThrow()
    for (const text of allTexts(template)) {
      for (const locale of TEMPLATE_LOCALES) expect(text[locale].trim(), JSON.stringify(text)).not.toBe('')
      if (text.de !== 'Shortlist') expect(text.de, 'translated').not.toBe(text.en)
    }
    for (const element of template.elements) {
      for (const field of Object.keys(element.text?.byField ?? {})) expect(FIELDS_OF_ACTION).toContain(field)
    }
  })

  it.each(WORKSHOP_TEMPLATES.map((template) => [template.id, template] as const))('%s: frames and areas of one parent do not overlap', (_id, template) => {
    const areas = template.elements.flatMap((element) => (element.kind === 'frame' || element.kind === 'geo' ? [element] : []))
    for (const [i, a] of areas.entries()) {
      for (const b of areas.slice(i + 1)) {
        if (a.parent !== b.parent) continue
        const [boxA, boxB] = [elementBox(a), elementBox(b)]
        const overlap = boxA.x < boxB.x + boxB.w && boxB.x < boxA.x + boxA.w && boxA.y < boxB.y + boxB.h && boxB.y < boxA.y + boxA.h
        expect(overlap, `${a.key} / ${b.key}`).toBe(false)
      }
    }
  })
})
