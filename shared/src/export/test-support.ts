/** Test support for the exports: valid tldraw 5 records (document, page, frame, note, text, geo) built in Node. */
import { toRichText, type TLRecord, type TLRichText } from '@tldraw/tlschema'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createBoardSchema } from '../schema.js'

export const schema = createBoardSchema()

/** Text of one of the repository's fixture files in `shared/fixtures/` (copies of public .tldr files). */
export function fixtureText(name: string): string {
  return readFileSync(path.resolve(import.meta.dirname, '../../fixtures', name), 'utf8')
}

function validated(record: TLRecord): TLRecord {
  const type = schema.types[record.typeName]
  if (!type) throw new Error(`unknown record type ${record.typeName}`)
  return type.validate(record) as TLRecord
}

/** The document record. */
export function documentRecord(name = ''): TLRecord {
  return validated(schema.types.document.create({ id: 'document:document', name } as never))
}

/** A page record. */
export function pageRecord(id = 'page', name = 'Seite 1', index = 'a1'): TLRecord {
  return validated(schema.types.page.create({ id: `page:${id}`, name, index } as never))
}

interface Placement {
  x: number
  y: number
  parent?: string
  rotation?: number
}

function parentIdOf(parent: string | undefined): string {
  if (!parent) return 'page:page'
  return parent.includes(':') ? parent : `shape:${parent}`
}

/** A frame shape named `name`, `w` × `h` at (x, y) in its parent. */
export function frameShape(id: string, at: Placement, w: number, h: number, name: string): TLRecord {
  return validated(
    schema.types.shape.create({
      id: `shape:${id}`,
      type: 'frame',
      parentId: parentIdOf(at.parent),
      index: 'a1',
      x: at.x,
      y: at.y,
      rotation: at.rotation ?? 0,
      props: { w, h, name, color: 'black' },
    } as never),
  )
}

/** A sticky note with the given text (string, split into paragraphs by "\n", or a rich-text doc). */
export function noteShape(id: string, at: Placement, text: string | TLRichText, color = 'yellow'): TLRecord {
  return validated(
    schema.types.shape.create({
      id: `shape:${id}`,
      type: 'note',
      parentId: parentIdOf(at.parent),
      index: 'a1',
      x: at.x,
      y: at.y,
      rotation: at.rotation ?? 0,
      props: {
        color, labelColor: 'black', size: 'm', font: 'draw', fontSizeAdjustment: 1, align: 'middle',
        verticalAlign: 'middle', growY: 0, url: '', scale: 1, textLastEditedBy: null,
        richText: typeof text === 'string' ? toRichText(text) : text,
      },
    } as never),
  )
}

/** A text shape with the given text. */
export function textShape(id: string, at: Placement, text: string, color = 'black'): TLRecord {
  return validated(
    schema.types.shape.create({
      id: `shape:${id}`,
      type: 'text',
      parentId: parentIdOf(at.parent),
      index: 'a1',
      x: at.x,
      y: at.y,
      rotation: at.rotation ?? 0,
      props: { color, size: 'm', font: 'sans', textAlign: 'start', w: 300, scale: 1, autoSize: true, richText: toRichText(text) },
    } as never),
  )
}

/** A labelled rectangle (`w` × `h`, default 100 × 80), in `color`. */
export function geoShape(id: string, at: Placement, label: string, size = { w: 100, h: 80 }, color = 'black'): TLRecord {
  return validated(
    schema.types.shape.create({
      id: `shape:${id}`,
      type: 'geo',
      parentId: parentIdOf(at.parent),
      index: 'a1',
      x: at.x,
      y: at.y,
      props: {
        geo: 'rectangle', w: size.w, h: size.h, color, labelColor: 'black', fill: 'none', dash: 'draw', size: 'm',
        font: 'draw', align: 'middle', verticalAlign: 'middle', growY: 0, url: '', scale: 1, flipX: false, flipY: false,
        richText: toRichText(label),
      },
    } as never),
  )
}

/** An arrow from (x, y) to (x + dx, y + dy) in its parent, labelled `label`, with an arrowhead at the end (and the start if `both`). */
export function arrowShape(id: string, at: Placement, delta: { x: number; y: number }, label: string, both = false): TLRecord {
  return validated(
    schema.types.shape.create({
      id: `shape:${id}`,
      type: 'arrow',
      parentId: parentIdOf(at.parent),
      index: 'a1',
      x: at.x,
      y: at.y,
      props: {
        kind: 'arc', labelColor: 'black', color: 'black', fill: 'none', dash: 'draw', size: 'm',
        arrowheadStart: both ? 'arrow' : 'none', arrowheadEnd: 'arrow', font: 'draw', start: { x: 0, y: 0 }, end: delta,
        bend: 0, richText: toRichText(label), labelPosition: 0.5, scale: 1, elbowMidPoint: 0.5,
      },
    } as never),
  )
}

/** The binding of arrow `arrow`'s `terminal` to shape `to` (ids without the `shape:` prefix). */
export function arrowBinding(arrow: string, terminal: 'start' | 'end', to: string): TLRecord {
  return validated(
    schema.types.binding.create({
      id: `binding:${arrow}-${terminal}`,
      type: 'arrow',
      fromId: `shape:${arrow}`,
      toId: `shape:${to}`,
      props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
    } as never),
  )
}

/** A group shape. */
export function groupShape(id: string, at: Placement): TLRecord {
  return validated(
    schema.types.shape.create({
      id: `shape:${id}`,
      type: 'group',
      parentId: parentIdOf(at.parent),
      index: 'a1',
      x: at.x,
      y: at.y,
      props: {},
    } as never),
  )
}

/** Epoch ms of a UTC time on 24 November 2025 (Berlin is UTC+1 then). */
export function nov24(utcTime: string): number {
  return Date.parse(`2025-11-24T${utcTime}Z`)
}

/**
 * The fixed board of the golden tests: frame A (two rows: two notes, then a note and a text), frame B
 * beside it within the row tolerance (a note, and a note inside a group), an empty frame C below, and
 * four shapes outside every frame (one a labelled rectangle), with German text full of Markdown, HTML and CSV specials.
 */
export function goldenBoard(): TLRecord[] {
  return [
    documentRecord('Werkstatt'),
    pageRecord(),
    geoShape('geo', { x: 2000, y: 0 }, 'Geo-Label zählt'),
    textShape('t2', { x: 1200, y: 800 }, '\tTabulator'),
    noteShape('n7', { x: 400, y: 700 }, '\rWagenrücklauf', 'orange'),
    noteShape('n6', { x: 0, y: 700 }, 'Außerhalb > alles & nichts', 'violet'),
    frameShape('C', { x: 0, y: 1000 }, 500, 300, 'Leerer Rahmen'),
    frameShape('B', { x: 1100, y: 20 }, 800, 600, 'Ideen <b>& Visionen</b>'),
    groupShape('g', { x: 40, y: 300, parent: 'B' }),
    noteShape('n5', { x: 0, y: 0, parent: 'g' }, '@Stadt: +Mehr Grün', 'red'),
    noteShape('n4', { x: 40, y: 40, parent: 'B' }, '1. Grüße aus Köln 🎉', 'light-blue'),
    frameShape('A', { x: 0, y: 0 }, 1000, 600, 'Fallbeispiel: Marktplatz #1'),
    textShape('t1', { x: 600, y: 330, parent: 'A' }, '- Aufzählung ß'),
    noteShape('n3', { x: 40, y: 320, parent: 'A' }, '=SUMME(A1:A3)\n\nZweite Zeile | mit "Zitat", Komma', 'green'),
    noteShape('n2', { x: 300, y: 100, parent: 'A' }, '# Überschrift?\n* Stern _kursiv_ [Link](http://x.de)', 'blue'),
    noteShape('n1', { x: 40, y: 80, parent: 'A' }, 'Leerstand im Erdgeschoss – prüfen', 'black'),
  ]
}

/** The input of the golden results record (German unless `locale` says otherwise). */
export function goldenInput(locale: 'de' | 'en' = 'de') {
  return {
    workshop: { title: 'Zukunft <Marktplatz> & *Neustadt*', field: 'quartiersentwicklung' as const },
    session: { title: 'Auftakt: Werkstatt #1', startedAt: nov24('13:00:00'), endedAt: nov24('15:30:00') },
    participantCount: 12,
    records: goldenBoard(),
    authors: new Map([
      ['shape:n1', { name: 'Anna Müller', at: nov24('13:05:00') }],
      ['shape:n2', { name: 'Bernd <script>', at: nov24('13:10:00') }],
      ['shape:n4', { name: '+49 Gast', at: nov24('13:20:00') }],
    ]),
    votes: new Map([
      ['shape:n1', 3],
      ['shape:n2', 1],
    ]),
    generatedAt: nov24('16:02:00'),
    locale,
  }
}
