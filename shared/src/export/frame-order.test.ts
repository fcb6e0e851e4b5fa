import type { TLPageId, TLRecord, TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { placeTemplate } from '../templates/place-template.js'
import { findTemplate } from '../templates/registry.js'
import { templateProvenance } from '../templates/template-meta.js'
import { framesInReadingOrder, inBoardOrder } from './frame-order.js'
import { frameShape, pageRecord } from './test-support.js'

const PAGE = 'page:page' as TLPageId

function place(id: string, origin: { x: number; y: number }, prefix: string, pageId = PAGE): TLRecord[] {
  let next = 0
  return placeTemplate(findTemplate(id)!, { field: 'other', origin, pageId, createId: () => `${prefix}${++next}` }).records
}

const names = (records: TLRecord[]) => framesInReadingOrder(records).map((frame) => frame.name)
const keyOf = (record: TLRecord) => (record.typeName === 'shape' ? templateProvenance(record as TLShape)?.templateKey : undefined)
const moved = (records: TLRecord[], key: string, by: { x: number; y: number }) =>
  records.map((record) => (keyOf(record) === key ? { ...(record as TLShape), x: (record as TLShape).x + by.x, y: (record as TLShape).y + by.y } : record))

const CASE_STUDY = ['Ausgangslage', 'Akteure', 'Ansatz / Vorgehen', 'Wirkung', 'Übertragbarkeit', 'Offene Fragen']

describe('framesInReadingOrder', () => {
  it('reads the case-study map row by row, even with frames moved out of their grid', () => {
    const board = [pageRecord(), ...place('case-study-map', { x: 0, y: 0 }, 'c')]
    expect(names(board)).toEqual(CASE_STUDY)
    // "Offene Fragen" dragged to the top left, "Wirkung" far to the right: still the template's order.
    const shuffled = moved(moved(board, 'questions', { x: -1300, y: -700 }), 'impact', { x: 3000, y: -400 })
    expect(names(shuffled)).toEqual(CASE_STUDY)
  })

  it('keeps each template together, templates in board order, then the frames people made', () => {
    const board = [
      pageRecord(),
      // A frame people made, above and left of everything: still after the templates.
      frameShape('own', { x: -3000, y: -3000 }, 400, 300, 'Eigener Rahmen'),
      ...place('recommendations', { x: 0, y: 2000 }, 'r'),
      ...place('actor-map', { x: 2500, y: 0 }, 'a'),
      ...place('case-study-map', { x: 0, y: 0 }, 'c'),
      frameShape('own2', { x: 600, y: 700 }, 400, 300, 'Zweiter eigener Rahmen'),
    ]
    expect(names(board)).toEqual([
      ...CASE_STUDY,
      'Akteursfelder',
      'Legende',
      'Wirkung × Umsetzbarkeit',
      'Shortlist',
      'Eigener Rahmen',
      'Zweiter eigener Rahmen',
    ])
    const frames = framesInReadingOrder(board)
    expect(frames.map((frame) => frame.templateId)).toEqual([...Array(6).fill('case-study-map'), 'actor-map', 'actor-map', 'recommendations', 'recommendations', null, null])
    expect(frames[0]).toMatchObject({ pageId: 'page:page', parentFrameId: null, bounds: { x: 0, y: 240, w: 560, h: 440 } })
  })

  it('tells two placements of one template apart, also pasted copies that share a placement id', () => {
    const first = place('actor-map', { x: 0, y: 3000 }, 'x')
    const second = place('actor-map', { x: 0, y: 0 }, 'y')
    const names2 = ['Akteursfelder', 'Legende', 'Akteursfelder', 'Legende']
    const ids = (records: TLRecord[]) => framesInReadingOrder(records).map((frame) => frame.id)
    expect(ids([pageRecord(), ...first, ...second])).toEqual(['shape:y3', 'shape:y9', 'shape:x3', 'shape:x9'])
    // A pasted copy keeps the meta (also the placement id) but gets new ids and a new position.
    const copy = first.map((record) =>
      record.typeName === 'shape' && record.parentId === PAGE ? { ...record, id: `${record.id}-copy`, y: (record as TLShape).y - 3000 } : record,
    ) as TLRecord[]
    const board = [pageRecord(), ...first, ...copy.filter((record) => record.id.endsWith('-copy'))]
    expect(names(board)).toEqual(names2)
    expect(ids(board)).toEqual(['shape:x3-copy', 'shape:x9-copy', 'shape:x3', 'shape:x9'])
  })

  it('puts nested frames after their parent and orders pages by index', () => {
    const board = [
      pageRecord('p2', 'Seite 2', 'a2'),
      pageRecord('p1', 'Seite 1', 'a1'),
      frameShape('later', { x: 0, y: 0, parent: 'page:p2' }, 400, 300, 'Seite 2'),
      frameShape('outer', { x: 0, y: 0, parent: 'page:p1' }, 2000, 2000, 'Außen'),
      frameShape('inner2', { x: 900, y: 100, parent: 'outer' }, 400, 300, 'Innen rechts'),
      frameShape('inner1', { x: 100, y: 100, parent: 'outer' }, 400, 300, 'Innen links'),
      frameShape('beside', { x: 2100, y: 0, parent: 'page:p1' }, 400, 2000, 'Daneben'),
    ]
    const frames = framesInReadingOrder(board)
    expect(frames.map((frame) => [frame.name, frame.parentFrameId, frame.pageId])).toEqual([
      ['Außen', null, 'page:p1'],
      ['Innen links', 'shape:outer', 'page:p1'],
      ['Innen rechts', 'shape:outer', 'page:p1'],
      ['Daneben', null, 'page:p1'],
      ['Seite 2', null, 'page:p2'],
    ])
  })
})

describe('inBoardOrder', () => {
  const box = (id: string, x: number, y: number, w = 400, h = 300) => ({ id, x, y, w, h })
  const order = (boxes: ReturnType<typeof box>[]) => inBoardOrder(boxes, (item) => item, (item) => item.id).map((item) => item.id)

  it('reads rows of frames by vertical overlap, each row left to right', () => {
    expect(order([box('d', 500, 400), box('b', 500, 0), box('c', 0, 400), box('a', 0, 0)])).toEqual(['a', 'b', 'c', 'd'])
    expect(order([box('right', 900, -60), box('left', 0, 40), box('middle', 450, 0)])).toEqual(['left', 'middle', 'right'])
    expect(order([box('tall', 500, 0, 400, 1200), box('short', 0, 100, 400, 200), box('below', 0, 1300)])).toEqual(['short', 'tall', 'below'])
    expect(order([box('second', 0, 250), box('first', 600, 0)])).toEqual(['first', 'second'])
    expect(order([box('b', 0, 0), box('a', 0, 0)])).toEqual(['a', 'b'])
    expect(order([])).toEqual([])
  })
})
