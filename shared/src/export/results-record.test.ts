import { describe, expect, it } from 'vitest'
import { toRichText, type TLPageId, type TLRecord, type TLShape } from '@tldraw/tlschema'
import { placeTemplate } from '../templates/place-template.js'
import { findTemplate } from '../templates/registry.js'
import { templateProvenance } from '../templates/template-meta.js'
import { framesInReadingOrder } from './frame-order.js'
import { buildResultsRecord } from './results-record.js'
import {
  arrowBinding,
  arrowShape,
  documentRecord,
  frameShape,
  geoShape,
  goldenInput,
  noteShape,
  nov24,
  pageRecord,
  textShape,
} from './test-support.js'

const base = { workshop: { title: 'W', field: 'other' as const }, participantCount: 0, generatedAt: nov24('12:00:00') }

describe('buildResultsRecord', () => {
  it('groups the golden board by frame in reading order, with outside shapes last', () => {
    const model = buildResultsRecord(goldenInput())
    expect(model.groups.map((group) => [group.frameId, group.title, group.items.map((item) => item.id)])).toEqual([
      ['shape:A', 'Fallbeispiel: Marktplatz #1', ['shape:n1', 'shape:n2', 'shape:n3', 'shape:t1']],
      ['shape:B', 'Ideen <b>& Visionen</b>', ['shape:n4', 'shape:n5']],
      ['shape:C', 'Leerer Rahmen', []],
      [null, 'Ohne Rahmen', ['shape:geo', 'shape:n6', 'shape:n7', 'shape:t2']],
    ])
    expect(model.groups[0]!.items[0]).toEqual({
      id: 'shape:n1',
      order: 1,
      type: 'note',
      text: 'Leerstand im Erdgeschoss – prüfen',
      color: 'black',
      colorLabel: 'Gelb',
      area: null,
      relation: null,
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

  it('lists labelled geo shapes and relations between two bound shapes with the group of their start', () => {
    const records = [
      documentRecord(),
      pageRecord(),
      frameShape('left', { x: 0, y: 0 }, 600, 600, 'Links'),
      frameShape('right', { x: 700, y: 0 }, 600, 600, 'Rechts'),
      noteShape('verein', { x: 20, y: 20, parent: 'left' }, 'Kulturverein'),
      geoShape('qm', { x: 20, y: 20, parent: 'right' }, 'Quartiers-\nmanagement'),
      geoShape('blank', { x: 300, y: 300, parent: 'right' }, '  '),
      // The arrow itself lies in the right frame; its start decides the group.
      arrowShape('funding', { x: 0, y: 100, parent: 'right' }, { x: 50, y: 0 }, 'Förderung'),
      arrowBinding('funding', 'start', 'verein'),
      arrowBinding('funding', 'end', 'qm'),
      arrowShape('both', { x: 0, y: 0 }, { x: 10, y: 0 }, '', true),
      arrowBinding('both', 'start', 'qm'),
      arrowBinding('both', 'end', 'verein'),
      arrowShape('loose', { x: 100, y: 900 }, { x: 10, y: 0 }, 'Pfeil ins Leere'),
      arrowBinding('loose', 'start', 'verein'),
      arrowShape('silent', { x: 100, y: 950 }, { x: 10, y: 0 }, ''),
    ]
    const model = buildResultsRecord({ ...base, records })
    expect(model.groups.map((group) => [group.title, group.items.map((item) => [item.type, item.text])])).toEqual([
      ['Links', [['note', 'Kulturverein'], ['relation', 'Kulturverein → Quartiers- management: Förderung']]],
      ['Rechts', [['geo', 'Quartiers-\nmanagement'], ['relation', 'Quartiers- management ↔ Kulturverein']]],
      ['Ohne Rahmen', [['arrow', 'Pfeil ins Leere']]],
    ])
    expect(model.groups[0]!.items[1]).toMatchObject({
      id: 'shape:funding',
      order: 2,
      relation: { fromId: 'shape:verein', from: 'Kulturverein', toId: 'shape:qm', to: 'Quartiers- management', label: 'Förderung', direction: 'forward' },
    })
    expect(model.groups[1]!.items[1]!.relation?.direction).toBe('both')
  })

  it('names the smallest labelled geo area an item lies on, by its first line', () => {
    const records = [
      documentRecord(),
      pageRecord(),
      frameShape('f', { x: 0, y: 0 }, 2000, 2000, 'Felder'),
      geoShape('civil', { x: 100, y: 100, parent: 'f' }, 'Zivilgesellschaft\nz. B. Vereine', { w: 800, h: 800 }),
      geoShape('inner', { x: 500, y: 500, parent: 'f' }, '\n Innenhof ', { w: 300, h: 300 }),
      geoShape('unlabelled', { x: 1000, y: 100, parent: 'f' }, '', { w: 800, h: 800 }),
      noteShape('in', { x: 150, y: 150, parent: 'f' }, 'Nachbarschaftsverein'),
      noteShape('deeper', { x: 550, y: 550, parent: 'f' }, 'Gartenprojekt'),
      // Its top-left corner lies on the area, its centre does not.
      noteShape('edge', { x: 820, y: 150, parent: 'f' }, 'am Rand'),
      noteShape('blankArea', { x: 1100, y: 150, parent: 'f' }, 'ohne Bereich'),
      textShape('text', { x: 120, y: 700, parent: 'f' }, 'Text im Feld'),
      // Lies on the area on the page without being in its frame: areas are geometric.
      noteShape('loose', { x: 300, y: 1 }, 'lose darüber'),
    ]
    const model = buildResultsRecord({ ...base, records })
    const areas = Object.fromEntries(model.groups.flatMap((group) => group.items.map((item) => [item.text, item.area])))
    expect(areas).toEqual({
      'Zivilgesellschaft\nz. B. Vereine': null,
      '\n Innenhof ': 'Zivilgesellschaft',
      Nachbarschaftsverein: 'Zivilgesellschaft',
      Gartenprojekt: 'Innenhof',
      'am Rand': null,
      'ohne Bereich': null,
      'Text im Feld': 'Zivilgesellschaft',
      'lose darüber': 'Zivilgesellschaft',
    })
  })

  it('leaves out template scaffolding nobody changed and counts it once edited', () => {
    const PAGE = 'page:page' as TLPageId
    let next = 0
    const placed = placeTemplate(findTemplate('actor-map')!, { field: 'other', origin: { x: 0, y: 0 }, pageId: PAGE, createId: () => `a${++next}` })
    const byKey = (key: string) => placed.records.find((record) => record.typeName === 'shape' && templateProvenance(record as TLShape)?.templateKey === key) as TLShape
    const edited = (shape: TLShape, text: string) => ({ ...shape, props: { ...shape.props, richText: toRichText(text) } }) as TLRecord
    const untouched = buildResultsRecord({ ...base, records: [documentRecord(), pageRecord(), ...placed.records] })
    expect(untouched.groups.map((group) => [group.title, group.items.length])).toEqual([
      ['Akteursfelder', 0],
      ['Legende', 0],
    ])

    const intro = byKey('intro')
    const alliance = byKey('legend-alliance')
    const records = placed.records.map((record) =>
      record.id === intro.id ? edited(intro, 'Wir beginnen mit den Vereinen.') : record.id === alliance.id ? edited(alliance, 'Konflikt') : record,
    )
    const model = buildResultsRecord({ ...base, records: [documentRecord(), pageRecord(), ...records] })
    expect(model.groups.flatMap((group) => group.items.map((item) => item.text))).toEqual([
      'Etablierte Akteure ↔ Kreativwirtschaft: Konflikt',
      'Wir beginnen mit den Vereinen.',
    ])
  })

  it('takes its frame order from framesInReadingOrder', () => {
    const records = goldenInput().records
    const model = buildResultsRecord({ ...base, records })
    expect(model.groups.flatMap((group) => (group.frameId ? [group.frameId] : []))).toEqual(framesInReadingOrder(records).map((frame) => frame.id))
  })
})
