/**
 * Golden tests of the three renderers on the template board. The expected files live in
 * `__golden__/` and are compared byte for byte; after an intended change, rewrite them with
 * `UPDATE_GOLDEN=1 npx vitest run shared/src/export/results-golden.test.ts` and read the diff before committing.
 */
import { toRichText, type TLPageId, type TLRecord, type TLShape } from '@tldraw/tlschema'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { placeTemplate } from '../templates/place-template.js'
import { findTemplate } from '../templates/registry.js'
import { templateProvenance } from '../templates/template-meta.js'
import { framesInReadingOrder } from './frame-order.js'
import { resultsToCsv } from './results-csv.js'
import { resultsToJson } from './results-json.js'
import { resultsToMarkdown } from './results-markdown.js'
import { buildResultsRecord, type ResultsRecordInput } from './results-record.js'
import { arrowBinding, arrowShape, documentRecord, geoShape, noteShape, nov24, pageRecord, textShape } from './test-support.js'

/**
 * The board of the template golden tests, built with the real template placement. All three
 * templates (field Quartiersentwicklung), and on them what a workshop adds: notes in every tldraw note colour,
 * notes in the actor map's fields, bound arrows with labels, a labelled geo shape, one edited prompt and one
 * edited example (the other scaffolding untouched), shapes outside every frame, authors and a closed vote.
 */

const PAGE = 'page:page' as TLPageId

function placed(templateId: string, origin: { x: number; y: number }, prefix: string): TLRecord[] {
  const template = findTemplate(templateId)
  if (!template) throw new Error(`no template ${templateId}`)
  let next = 0
  return placeTemplate(template, { field: 'quartiersentwicklung', origin, pageId: PAGE, createId: () => `${prefix}${++next}` }).records
}

/** The id of the shape a placement made for template element `key`. */
function idOf(records: readonly TLRecord[], key: string): string {
  const found = records.find((record) => record.typeName === 'shape' && templateProvenance(record as TLShape)?.templateKey === key)
  if (!found) throw new Error(`no shape for ${key}`)
  return found.id
}

function withText(records: TLRecord[], key: string, text: string): TLRecord[] {
  const id = idOf(records, key)
  return records.map((record) =>
    record.id === id ? ({ ...record, props: { ...(record as TLShape).props, richText: toRichText(text) } } as TLRecord) : record,
  )
}

/** The board: case-study map top left, actor map to its right, recommendations below, plus what people added. */
function templateBoard(): TLRecord[] {
  const caseStudy = withText(placed('case-study-map', { x: 0, y: 0 }, 'c'), 'situation-prompt', 'Ausgangslage: Leerstand rund um den Marktplatz')
  const actors = placed('actor-map', { x: 2000, y: 0 }, 'a')
  const recommendations = withText(placed('recommendations', { x: 0, y: 1300 }, 'r'), 'example', 'Verfügungsfonds für Nachbarschaftsprojekte & Feste')
  const frame = (records: TLRecord[], key: string) => ({ parent: idOf(records, key) })
  const at = (records: TLRecord[], key: string, x: number, y: number) => ({ ...frame(records, key), x, y })

  return [
    documentRecord('Werkstatt Quartier'),
    pageRecord(),
    ...caseStudy,
    ...actors,
    ...recommendations,
    // Case-study map: the default (black) note and a few colours; one note with an HTML-looking text.
    noteShape('sit1', at(caseStudy, 'situation', 24, 180), 'Viele Ladenlokale stehen leer', 'black'),
    noteShape('sit2', at(caseStudy, 'situation', 300, 180), 'Wenig Treffpunkte für Jugendliche', 'grey'),
    noteShape('act1', at(caseStudy, 'actors', 24, 180), 'Wohnungsbaugesellschaft <GWG>', 'light-violet'),
    noteShape('app1', at(caseStudy, 'approach', 24, 180), 'Zwischennutzung im Erdgeschoss', 'violet'),
    noteShape('imp1', at(caseStudy, 'impact', 24, 180), 'Mehr Frequenz am Samstag', 'light-blue'),
    noteShape('tra1', at(caseStudy, 'transfer', 24, 180), 'Geht überall, wo es Leerstand gibt', 'yellow'),
    noteShape('que1', at(caseStudy, 'questions', 24, 180), 'Wer zahlt die Nebenkosten?', 'white'),
    // Actor map: notes in the actor fields, arrows between them, a labelled shape of people's own.
    noteShape('qm', at(actors, 'areas', 60, 60), 'Quartiersmanagement', 'blue'),
    noteShape('verein', at(actors, 'areas', 700, 340), 'Kulturverein', 'orange'),
    noteShape('ini', at(actors, 'areas', 700, 640), 'Nachbarschaftsinitiative Nord', 'light-red'),
    noteShape('atelier', at(actors, 'areas', 60, 340), 'Ateliergemeinschaft', 'violet'),
    noteShape('jugend', at(actors, 'areas', 60, 640), 'Jugendtreff', 'green'),
    geoShape('fest', at(actors, 'areas', 1000, 60), 'Stadtteilfest 2026', { w: 200, h: 100 }, 'red'),
    arrowShape('a-funding', at(actors, 'areas', 800, 440), { x: -640, y: -280 }, 'Förderung'),
    arrowBinding('a-funding', 'start', 'verein'),
    arrowBinding('a-funding', 'end', 'qm'),
    arrowShape('a-alliance', at(actors, 'areas', 800, 740), { x: 0, y: -300 }, 'Allianz', true),
    arrowBinding('a-alliance', 'start', 'ini'),
    arrowBinding('a-alliance', 'end', 'verein'),
    arrowShape('a-conflict', at(actors, 'areas', 160, 160), { x: 640, y: 580 }, 'Konflikt'),
    arrowBinding('a-conflict', 'start', 'qm'),
    arrowBinding('a-conflict', 'end', 'ini'),
    // Recommendations: notes in the quadrants and on the shortlist.
    noteShape('rec1', at(recommendations, 'matrix', 240, 80), 'Leerstandskataster anlegen', 'light-green'),
    noteShape('rec2', at(recommendations, 'matrix', 760, 80), 'Quartiersfonds verstetigen', 'red'),
    noteShape('rec3', at(recommendations, 'matrix', 240, 520), 'Sitzbänke am Markt', 'yellow'),
    noteShape('rec4', at(recommendations, 'shortlist', 24, 200), 'Leerstandskataster anlegen (Verwaltung)', 'green'),
    // Outside every frame.
    noteShape('loose', { x: 3000, y: 1300 }, 'Nächster Termin: 12.03. – bitte Protokoll & Fotos teilen', 'black'),
    textShape('remark', { x: 3000, y: 1600 }, '> Danke an alle!'),
  ]
}

/** The results-record input of the template board: authors for some notes and a closed vote. */
function templateBoardInput(locale: 'de' | 'en' = 'de'): ResultsRecordInput {
  return {
    workshop: { title: 'Quartierswerkstatt Nord & Süd', field: 'quartiersentwicklung' },
    session: { title: 'Werkstatt 2', startedAt: nov24('09:00:00'), endedAt: nov24('12:00:00') },
    participantCount: 9,
    records: templateBoard(),
    authors: new Map([
      ['shape:sit1', { name: 'Anna Müller', at: nov24('09:12:00') }],
      ['shape:verein', { name: 'Jörg Özdemir', at: nov24('10:05:00') }],
      ['shape:a-funding', { name: 'Jörg Özdemir', at: nov24('10:07:00') }],
      ['shape:rec1', { name: 'Anna Müller', at: nov24('11:30:00') }],
    ]),
    // Dots per note of the last closed vote.
    votes: new Map([
      ['shape:rec1', 5],
      ['shape:rec2', 2],
      ['shape:rec3', 1],
    ]),
    generatedAt: nov24('12:15:00'),
    locale,
  }
}

const GOLDEN_DIR = path.resolve(import.meta.dirname, '__golden__')

function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name)
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual)
  expect(existsSync(file), `${name} exists`).toBe(true)
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

describe('results record of a board built from all three templates', () => {
  it('renders Markdown in German and English', () => {
    expectGolden('template-board.de.md', resultsToMarkdown(buildResultsRecord(templateBoardInput('de'))))
    expectGolden('template-board.en.md', resultsToMarkdown(buildResultsRecord(templateBoardInput('en'))))
  })

  it('renders CSV in German and English', () => {
    expectGolden('template-board.de.csv', resultsToCsv(buildResultsRecord(templateBoardInput('de'))))
    expectGolden('template-board.en.csv', resultsToCsv(buildResultsRecord(templateBoardInput('en'))))
  })

  it('renders JSON', () => {
    expectGolden('template-board.de.json', `${JSON.stringify(resultsToJson(buildResultsRecord(templateBoardInput('de'))), null, 2)}\n`)
  })

  it('lists the frames in the order framesInReadingOrder gives, the templates in their own order', () => {
    const model = buildResultsRecord(templateBoardInput())
    const frames = framesInReadingOrder(templateBoard())
    expect(model.groups.filter((group) => group.frameId !== null).map((group) => group.frameId)).toEqual(frames.map((frame) => frame.id))
    expect(model.groups.map((group) => group.title)).toEqual([
      'Ausgangslage',
      'Akteure',
      'Ansatz / Vorgehen',
      'Wirkung',
      'Übertragbarkeit',
      'Offene Fragen',
      'Akteursfelder',
      'Legende',
      'Wirkung × Umsetzbarkeit',
      'Shortlist',
      'Ohne Rahmen',
    ])
  })

  it('counts every note colour once and leaves the untouched scaffolding out', () => {
    const model = buildResultsRecord(templateBoardInput())
    const items = model.groups.flatMap((group) => group.items)
    const noteColours = new Set(items.filter((item) => item.type === 'note').map((item) => item.color))
    expect([...noteColours].sort()).toEqual(
      ['black', 'blue', 'green', 'grey', 'light-blue', 'light-green', 'light-red', 'light-violet', 'orange', 'red', 'violet', 'white', 'yellow'],
    )
    const texts = items.map((item) => item.text)
    expect(texts).toContain('Ausgangslage: Leerstand rund um den Marktplatz')
    expect(texts).toContain('Verfügungsfonds für Nachbarschaftsprojekte & Feste')
    expect(texts.some((text) => text.startsWith('Wer war beteiligt') || text.includes('Allianz: ') || text === 'Akteurslandkarte')).toBe(false)
    expect(items.find((item) => item.text === 'Nachbarschaftsinitiative Nord')?.area).toBe('Zivilgesellschaftliche Initiativen')
  })
})
