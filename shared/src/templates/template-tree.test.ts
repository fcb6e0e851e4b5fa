import { describe, expect, it } from 'vitest'
import { analyseTemplate, TemplateStructureError } from './template-tree.js'
import type { TemplateElement, WorkshopTemplate } from './template-types.js'

const label = { de: 'x', en: 'x' }
const frame = (key: string, parent?: string): TemplateElement => ({ kind: 'frame', key, parent, x: 0, y: 0, w: 500, h: 500, text: label })
const note = (key: string, parent?: string): TemplateElement => ({ kind: 'note', key, parent, x: 10, y: 10, color: 'yellow', text: label })
const arrow = (key: string, from: string, to: string): TemplateElement => ({ kind: 'arrow', key, from, to })
const template = (...elements: TemplateElement[]): WorkshopTemplate => ({ id: 'test', title: label, description: label, elements })
const keys = (elements: readonly TemplateElement[]) => elements.map((element) => element.key)

describe('analyseTemplate', () => {
  it('orders every frame before its children, keeping sibling order', () => {
    const tree = analyseTemplate(template(note('inner-note', 'inner'), note('loose'), frame('inner', 'outer'), frame('outer'), note('outer-note', 'outer')))
    expect(keys(tree.order)).toEqual(['loose', 'outer', 'inner', 'inner-note', 'outer-note'])
    expect(tree.parentOf.get('inner')).toBe('outer')
    expect(tree.parentOf.get('loose')).toBeUndefined()
  })

  it("gives an arrow the innermost frame holding both ends, else the page", () => {
    const tree = analyseTemplate(
      template(frame('outer'), frame('inner', 'outer'), note('a', 'inner'), note('b', 'inner'), note('c', 'outer'), note('d'),
        arrow('ab', 'a', 'b'), arrow('ac', 'a', 'c'), arrow('ad', 'a', 'd')),
    )
    expect(tree.parentOf.get('ab')).toBe('inner')
    expect(tree.parentOf.get('ac')).toBe('outer')
    expect(tree.parentOf.get('ad')).toBeUndefined()
  })

  it.each([
    ['a duplicate key', template(note('a'), note('a')), /duplicate key 'a'/],
    ['a parent that is not a frame', template(note('a'), note('b', 'a')), /not a frame/],
    ['an unknown parent', template(note('b', 'nowhere')), /not a frame/],
    ['frames nested in a cycle', template(frame('a', 'b'), frame('b', 'a')), /cycle/],
    ['an arrow to an unknown key', template(note('a'), arrow('x', 'a', 'nowhere')), /must connect two shapes/],
    ['an arrow to an arrow', template(note('a'), note('b'), arrow('x', 'a', 'b'), arrow('y', 'a', 'x')), /must connect two shapes/],
    ['an arrow from a shape to itself', template(note('a'), arrow('x', 'a', 'a')), /itself/],
  ])('rejects %s', (_name, broken, message) => {
    expect(() => analyseTemplate(broken)).toThrow(TemplateStructureError)
    expect(() => analyseTemplate(broken)).toThrow(message)
  })
})
