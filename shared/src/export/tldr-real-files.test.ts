/**
 * Real .tldr files saved by tldraw 2.4 to 5.2 (copies in shared/fixtures/, sources and version evidence in its
 * README). Each must import with every board record kept under its own id, migrated to the current schema and
 * valid there, its texts and arrow bindings intact, and nothing of session scope (nor tldraw 5's `user`
 * records) on the board. The facts asserted here were read from the files themselves.
 */
import type { TLBinding, TLRecord, TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { plainTextOf } from './rich-text.js'
import { fixtureText, schema } from './test-support.js'
import { parseTldrFile, TLDR_RECORD_TYPES, type TldrParseResult } from './tldr-file.js'

/** A record as it stands in the file, before migration. */
interface RawRecord {
  id: string
  typeName: string
  type?: string
  props?: Record<string, unknown>
}

/** Record types that exist only for one editor session (or, `user`, for people outside the workshop). */
const NOT_ON_THE_BOARD = ['instance', 'camera', 'pointer', 'instance_page_state', 'instance_presence', 'user']

function recordsOf(result: TldrParseResult): TLRecord[] {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.records
}

function rawRecordsOf(name: string): RawRecord[] {
  return (JSON.parse(fixtureText(name)) as { records: RawRecord[] }).records
}

function propsOf(record: { props?: unknown }): Record<string, unknown> {
  return record.props as Record<string, unknown>
}

/**
 * Imports a fixture and checks what must hold for every real file: the same board-content ids as in the file
 * (nothing lost, nothing invented), no session records although the file has them, and every record valid at
 * the current schema.
 */
function importFixture(name: string) {
  const raw = rawRecordsOf(name)
  const records = recordsOf(parseTldrFile(fixtureText(name), schema))

  const boardIds = raw.filter((record) => TLDR_RECORD_TYPES.has(record.typeName)).map((record) => record.id)
  expect(records.map((record) => record.id).sort()).toEqual(boardIds.sort())
  expect(raw.some((record) => record.typeName === 'instance')).toBe(true)
  expect(records.filter((record) => NOT_ON_THE_BOARD.includes(record.typeName))).toEqual([])
  for (const record of records) {
    expect(() => schema.types[record.typeName]!.validate(record), record.id).not.toThrow()
  }

  const shapes = records.flatMap((record): TLShape[] => (record.typeName === 'shape' ? [record] : []))
  const bindings = records.flatMap((record): TLBinding[] => (record.typeName === 'binding' ? [record] : []))
  const byId = new Map(records.map((record) => [record.id as string, record]))
  const rawById = new Map(raw.map((record) => [record.id, record]))
  const shapeTypes: Record<string, number> = {}
  for (const shape of shapes) shapeTypes[shape.type] = (shapeTypes[shape.type] ?? 0) + 1
  const textOf = (id: string): string => {
    const record = byId.get(id)
    if (record?.typeName !== 'shape') throw new Error(`no shape ${id}`)
    return plainTextOf(record)
  }
  return { raw, rawById, records, shapes, bindings, byId, shapeTypes, textOf }
}

describe('parseTldrFile with real files of other tldraw versions', () => {
  it('imports the tldraw 2.4–3.3 API diagram: 17 shapes, 20 arrow bindings, legacy text migrated to rich text', () => {
    const file = importFixture('tldraw-2.4-3.3-api-request-demo.tldr')
    expect(file.shapeTypes).toEqual({ geo: 7, arrow: 10 })
    expect(file.bindings).toHaveLength(20)

    // Every arrow is bound at both ends, and each one touches the "Your API" box.
    const api = 'shape:_y_tXgFYnOMuH3XVxc557'
    for (const arrow of file.shapes.filter((shape) => shape.type === 'arrow')) {
      const ends = file.bindings.filter((binding) => binding.fromId === arrow.id)
      expect(ends.map((binding) => propsOf(binding).terminal).sort(), arrow.id).toEqual(['end', 'start'])
      expect(ends.some((binding) => binding.toId === api), arrow.id).toBe(true)
    }
    expect(file.bindings.every((binding) => binding.type === 'arrow' && file.byId.get(binding.toId)?.typeName === 'shape')).toBe(true)

    expect(file.textOf(api)).toBe('Your\nAPI')
    expect(file.textOf('shape:hQyYK3K9xSjk3ayLtAjtg')).toBe('Web \nApplication')
    expect(file.textOf('shape:wNg34PQmlLOlJcjE9c5AK')).toBe('iOS App')
    expect(file.textOf('shape:oqo72xWe6eUeBd_z7dNds')).toBe('Google \nMaps API')

    // Migrated: the file's geo labels are plain `text`, its arrows have no `kind`, its bindings no `snap`.
    expect(file.rawById.get(api)?.props).toHaveProperty('text', 'Your\nAPI')
    for (const shape of file.shapes) {
      expect(propsOf(shape), shape.id).not.toHaveProperty('text')
      expect(propsOf(shape), shape.id).toHaveProperty('richText')
    }
    expect(file.shapes.filter((shape) => shape.type === 'arrow').every((arrow) => propsOf(arrow).kind === 'arc')).toBe(true)
    expect(file.raw.some((record) => record.typeName === 'binding' && 'snap' in (record.props ?? {}))).toBe(false)
    expect(file.bindings.every((binding) => propsOf(binding).snap === 'none')).toBe(true)
  })

  it('imports the tldraw 3.10–3.11 local-environment diagram: 19 shapes, 10 bindings, paragraphs intact', () => {
    const file = importFixture('tldraw-3.10-3.11-localenv.tldr')
    expect(file.shapeTypes).toEqual({ geo: 7, text: 7, arrow: 5 })
    expect(file.bindings).toHaveLength(10)

    const boxes = file.shapes.filter((shape) => shape.type === 'geo').map((shape) => plainTextOf(shape))
    expect(boxes.sort()).toEqual(['API', 'App', 'Collect', 'DB', 'Mailpit', 'PgAdmin', 'Website'])
    expect(file.textOf('shape:St9XptSmcvJkAhTlTnB5v')).toBe('localhost:8025\nlocalhost:1025')
    expect(file.textOf('shape:XNKtF9mzEgkr2P_x-yJs0')).toBe('localhost:5432')

    // The API box has four arrow ends on it; an exact anchor survives unchanged.
    expect(file.bindings.filter((binding) => binding.toId === 'shape:UuYK7XTjl5Zd4ebNkxqpd')).toHaveLength(4)
    const anchored = file.byId.get('binding:Ve8BrmPV2D9brEbKT9_Zf')
    expect(anchored?.typeName === 'binding' && propsOf(anchored)).toMatchObject({
      isPrecise: true,
      terminal: 'end',
      normalizedAnchor: { x: 0.3019186313154531, y: 0.5024056723221069 },
    })

    // Migrated: the file's arrows carry a plain `text` label and no `kind`.
    const rawArrow = file.rawById.get('shape:5ZPFBOLI6HvbSySodkOba')
    expect(rawArrow?.props).toHaveProperty('text', '')
    expect(rawArrow?.props).not.toHaveProperty('kind')
    for (const arrow of file.shapes.filter((shape) => shape.type === 'arrow')) {
      expect(propsOf(arrow)).not.toHaveProperty('text')
      expect(propsOf(arrow)).toMatchObject({ kind: 'arc', richText: { type: 'doc' } })
    }
  })

  it('imports the tldraw 4.0–4.2 robot board: 2 pages, 5 frames, 81 shapes, 52 bindings, ids and names intact', () => {
    const file = importFixture('tldraw-4.0-4.2-robot-states.tldr')
    expect(file.shapeTypes).toEqual({ frame: 5, geo: 50, arrow: 26 })
    expect(file.bindings).toHaveLength(52)
    expect(file.bindings.filter((binding) => propsOf(binding).snap === 'center')).toHaveLength(20)

    const pages = file.records.filter((record) => record.typeName === 'page')
    expect(pages.map((page) => [page.id, page.typeName === 'page' && page.name, page.typeName === 'page' && page.index]).sort()).toEqual([
      ['page:iIEXXhSExysprUbimNv9t', 'State Transitions', 'a2DTOrrV'],
      ['page:page', 'Motors', 'a1'],
    ])
    expect(file.byId.get('document:document')).toMatchObject({ name: '2025 RetroBot' })

    const frames = file.shapes.filter((shape) => shape.type === 'frame')
    const childrenByFrame = Object.fromEntries(
      frames.map((frame) => [plainTextOf(frame), file.shapes.filter((shape) => shape.parentId === frame.id).length]),
    )
    expect(childrenByFrame).toEqual({ Motors: 7, States: 10, Key: 5, '🎮 Buttons': 10, 'Unused Buttons': 18 })
    expect(file.shapes.filter((shape) => shape.parentId === 'page:page')).toHaveLength(31)
    expect(file.textOf('shape:5mLZX655xoOMNsKf_tJWC')).toBe('TripleRotatingPanel')
    expect(file.textOf('shape:rbZ9QJIxNqz9Wlbi6UvQm')).toBe('PrepPowerPort(PPP)')
    expect(file.textOf('shape:-2K0X8CvCywyMBiB6_E9E')).toBe('op button')

    // Migrated: geo shapes get the flip props that tldraw 4.x did not have.
    expect(Object.keys(file.rawById.get('shape:5mLZX655xoOMNsKf_tJWC')?.props ?? {})).not.toContain('flipX')
    for (const geo of file.shapes.filter((shape) => shape.type === 'geo')) {
      expect(propsOf(geo), geo.id).toMatchObject({ flipX: false, flipY: false })
    }
  })

  it('imports the tldraw 5.2 desktop diagram: 29 shapes, 26 bindings, CJK text intact, the user record dropped', () => {
    const file = importFixture('tldraw-5.2-desktop-argus.tldr')
    expect(file.raw.filter((record) => record.typeName === 'user')).toHaveLength(1)
    expect(file.shapeTypes).toEqual({ arrow: 13, geo: 11, text: 5 })
    expect(file.bindings).toHaveLength(26)
    expect(file.bindings.filter((binding) => binding.toId === 'shape:analyst')).toHaveLength(5)

    expect(file.textOf('shape:sqlite')).toBe('SQLite（node:sqlite）\nitems · stories · briefs\nfeedback · 运行记录')
    expect(file.textOf('shape:web')).toBe('web · React 监控台\n简报 / 事件线 / 源健康\n运行记录 / 👍👎 反馈')
    expect(file.textOf('shape:title')).toBe('Argus 架构 v0.1')
    expect(file.byId.get('document:document')).toMatchObject({ meta: { desktop: { documentId: 'pK1_7ZpX9SDGe33EMHDaT' } } })

    // Migrated: tldraw 5.2's geo shapes have no flip props yet.
    expect(file.rawById.get('shape:sqlite')?.props).not.toHaveProperty('flipX')
    for (const geo of file.shapes.filter((shape) => shape.type === 'geo')) {
      expect(propsOf(geo), geo.id).toMatchObject({ flipX: false, flipY: false })
    }
  })

  it('refuses a tldraw 1.x file as not a tldraw file, saying it is tldraw 1.x', () => {
    const text = fixtureText('tldraw-1.x-spaceorbit.tldr')
    expect((JSON.parse(text) as { document: { version: number } }).document.version).toBe(15.3)
    const result = parseTldrFile(text, schema)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('not_tldr')
    expect(result.error.message).toContain('tldraw 1.x')
    expect(result.error.message).toContain('tldrawFileFormatVersion')
  })
})
