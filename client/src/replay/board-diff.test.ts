import { describe, expect, it } from 'vitest'
import { diffRecords, stableJson } from './board-diff'

const shape = (id: string, props: Record<string, unknown> = {}) => ({ id, typeName: 'shape', type: 'note', x: 0, y: 0, props })

describe('diffRecords', () => {
  it('finds added, removed and changed shapes', () => {
    const before = [shape('shape:a'), shape('shape:b', { color: 'yellow' }), shape('shape:c')]
    const after = [shape('shape:b', { color: 'blue' }), shape('shape:c'), shape('shape:d')]
    const diff = diffRecords(before, after)
    expect(diff.added.map((r) => r.id)).toEqual(['shape:d'])
    expect(diff.removed.map((r) => r.id)).toEqual(['shape:a'])
    expect(diff.changed.map((c) => c.after.id)).toEqual(['shape:b'])
    expect(diff.changed[0]!.before.props).toEqual({ color: 'yellow' })
  })

  it('ignores key order and non-shape records', () => {
    const before = [{ typeName: 'shape', id: 'shape:a', props: { a: 1, b: 2 } }, { id: 'page:1', typeName: 'page', name: 'Seite 1' }]
    const after = [{ props: { b: 2, a: 1 }, id: 'shape:a', typeName: 'shape' }, { id: 'page:1', typeName: 'page', name: 'Renamed' }]
    expect(diffRecords(before, after)).toEqual({ added: [], removed: [], changed: [] })
  })

  it('accepts another filter and sorts by id', () => {
    const diff = diffRecords([], [{ id: 'page:2', typeName: 'page' }, { id: 'page:1', typeName: 'page' }], () => true)
    expect(diff.added.map((r) => r.id)).toEqual(['page:1', 'page:2'])
  })

  it('skips records without an id', () => {
    expect(diffRecords([], [{ typeName: 'shape' }]).added).toEqual([])
  })
})

describe('stableJson', () => {
  it('sorts keys at every depth but keeps array order', () => {
    expect(stableJson({ b: [2, 1], a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":[2,1]}')
  })
})
