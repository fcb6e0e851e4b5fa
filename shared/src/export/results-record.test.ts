import { describe, expect, it } from 'vitest'
import { buildResultsRecord } from './results-record.js'
import { documentRecord, frameShape, goldenInput, noteShape, nov24, pageRecord, textShape } from './test-support.js'

const base = { workshop: { title: 'W', field: 'other' as const }, participantCount: 0, generatedAt: nov24('12:00:00') }

describe('buildResultsRecord', () => {
  it('groups the golden board by frame in reading order, with outside shapes last', () => {
    const model = buildResultsRecord(goldenInput())
    expect(model.groups.map((group) => [group.frameId, group.title, group.items.map((item) => item.id)])).toEqual([
      ['shape:A', 'Fallbeispiel: Marktplatz #1', ['shape:n1', 'shape:n2', 'shape:n3', 'shape:t1']],
      ['shape:B', 'Ideen <b>& Visionen</b>', ['shape:n4', 'shape:n5']],
      ['shape:C', 'Leerer Rahmen', []],
      [null, 'Ohne Rahmen', ['shape:n6', 'shape:n7', 'shape:t2']],
    ])
    expect(model.groups[0]!.items[0]).toEqual({
      id: 'shape:n1',
      order: 1,
      type: 'note',
      text: 'Leerstand im Erdgeschoss – prüfen',
      color: 'yellow',
      colorLabel: 'Gelb',
      author: 'Anna Müller',
      at: nov24('13:05:00'),
      votes: 3,
    })
    expect(model.groups[0]!.items[3]).toMatchObject({ type: 'text', order: 4, color: 'black', colorLabel: 'Schwarz', author: null, at: null, votes: 0 })
    expect(model.workshop).toEqual({ title: 'Zukunft <Marktplatz> & *Neustadt*', field: 'quartiersentwicklung', fieldLabel: 'Quartiersentwicklung' })
    expect(model).toMatchObject({ locale: 'de', timeZone: 'Europe/Berlin', participantCount: 12 })
  })

  it('uses English labels for en', () => {
    const model = buildResultsRecord(goldenInput('en'))
    expect(model.groups.at(-1)!.title).toBe('Outside frames')
    expect(model.groups[1]!.items[0]!.colorLabel).toBe('Light blue')
    expect(model.workshop.fieldLabel).toBe('Neighbourhood development')
  })

  it('assigns a shape to its innermost frame and ignores geometry outside the parent chain', () => {
    const records = [
      documentRecord(),
      pageRecord(),
      frameShape('outer', { x: 0, y: 0 }, 1000, 1000, 'Außen'),
      frameShape('inner', { x: 100, y: 100, parent: 'outer' }, 400, 400, 'Innen'),
      noteShape('inInner', { x: 10, y: 10, parent: 'inner' }, 'innen'),
      noteShape('inOuter', { x: 600, y: 600, parent: 'outer' }, 'außen'),
      // Lies over the outer frame on the page, but is not its child.
      noteShape('over', { x: 50, y: 50 }, 'darüber'),
    ]
    const model = buildResultsRecord({ ...base, records })
    expect(model.groups.map((group) => [group.title, group.items.map((item) => item.text)])).toEqual([
      ['Außen', ['außen']],
      ['Innen', ['innen']],
      ['Ohne Rahmen', ['darüber']],
    ])
  })

  it('orders by page position through rotated parents and keeps a wobbly row together', () => {
    const records = [
      documentRecord(),
      pageRecord(),
      // Rotated by 90°: the child's local x runs down the page.
      frameShape('rot', { x: 1000, y: 0, rotation: Math.PI / 2 }, 600, 600, 'Gedreht'),
      noteShape('down', { x: 300, y: 0, parent: 'rot' }, 'unten'),
      noteShape('up', { x: 0, y: 0, parent: 'rot' }, 'oben'),
      noteShape('c', { x: 400, y: 30 }, 'C'),
      noteShape('a', { x: 0, y: 0 }, 'A'),
      noteShape('b', { x: 200, y: 49 }, 'B'),
      noteShape('d', { x: 0, y: 100 }, 'D'),
    ]
    const model = buildResultsRecord({ ...base, records })
    expect(model.groups.map((group) => group.items.map((item) => item.text))).toEqual([['oben', 'unten'], ['A', 'B', 'C', 'D']])
  })

  it('orders pages by their index', () => {
    const records = [
      documentRecord(),
      pageRecord('p2', 'Seite 2', 'a2'),
      pageRecord('p1', 'Seite 1', 'a1'),
      noteShape('second', { x: 0, y: 0, parent: 'page:p2' }, 'zweite Seite'),
      noteShape('first', { x: 0, y: 500, parent: 'page:p1' }, 'erste Seite'),
    ]
    const model = buildResultsRecord({ ...base, records })
    expect(model.groups[0]!.items.map((item) => item.text)).toEqual(['erste Seite', 'zweite Seite'])
  })

  it('names untitled frames, omits an empty outside group and sanitises votes', () => {
    const records = [
      documentRecord(),
      pageRecord(),
      frameShape('f', { x: 0, y: 0 }, 100, 100, '  '),
      textShape('t', { x: 0, y: 0, parent: 'f' }, ''),
    ]
    const votes = new Map([['shape:t', -2]])
    const model = buildResultsRecord({ ...base, records, votes, session: null })
    expect(model.groups).toEqual([
      { frameId: 'shape:f', title: 'Rahmen ohne Titel', items: [expect.objectContaining({ text: '', votes: 0 })] },
    ])
    expect(model.session).toBeNull()
    expect(buildResultsRecord({ ...base, records: [] }).groups).toEqual([])
  })

  it('survives a parent cycle in corrupt data', () => {
    const a = noteShape('x', { x: 0, y: 0, parent: 'y' }, 'x')
    const b = frameShape('y', { x: 0, y: 0, parent: 'x' }, 10, 10, 'y')
    expect(() => buildResultsRecord({ ...base, records: [a, b] })).not.toThrow()
  })

  it('rejects an unknown time zone', () => {
    expect(() => buildResultsRecord({ ...base, records: [], timeZone: 'Mars/Olympus' })).toThrow(RangeError)
  })
})
