import type { TLRecord } from '@tldraw/tlschema'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { plainTextOf } from './rich-text.js'
import { documentRecord, fixtureText, frameShape, noteShape, pageRecord, schema, textShape } from './test-support.js'
import { MAX_TLDR_BYTES, parseTldrFile, toTldrFile, TLDR_RECORD_TYPES, type TldrParseResult } from './tldr-file.js'

function recordsOf(result: TldrParseResult): TLRecord[] {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.records
}

function errorOf(result: TldrParseResult): { code: string; message: string } {
  if (result.ok) throw new Error('expected an error')
  return result.error
}

function shapes(records: TLRecord[]) {
  return records.flatMap((record) => (record.typeName === 'shape' ? [record] : []))
}

/** A small valid board at the current schema. */
function board(): TLRecord[] {
  return [
    documentRecord('Werkstatt'),
    pageRecord(),
    frameShape('f', { x: 0, y: 0 }, 800, 600, 'Rahmen „Markt“'),
    noteShape('n', { x: 20, y: 40, parent: 'f' }, 'Grüße\nvom Marktplatz ß 🎉'),
    textShape('t', { x: 900, y: 0 }, 'Außerhalb'),
  ]
}

function fileText(records: unknown[], schemaJson: unknown = schema.serialize(), formatVersion = 1): string {
  return JSON.stringify({ tldrawFileFormatVersion: formatVersion, schema: schemaJson, records })
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('toTldrFile', () => {
  it('writes tldraw’s file layout with our schema and only board-content records', () => {
    const camera = { id: 'camera:page:page', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} } as unknown as TLRecord
    const file = toTldrFile([...board(), camera], schema)
    expect(Object.keys(file)).toEqual(['tldrawFileFormatVersion', 'schema', 'records'])
    expect(file.tldrawFileFormatVersion).toBe(1)
    expect(file.schema).toEqual(schema.serialize())
    expect(file.records).toEqual(board())
  })
})

describe('parseTldrFile with tldraw’s own files', () => {
  it('imports the tldraw 2.0 workshop: 13 shapes, 2 arrow bindings, texts intact, no session records', () => {
    const records = recordsOf(parseTldrFile(fixtureText('tldraw-2.0-workshop.tldr'), schema))
    expect(shapes(records)).toHaveLength(13)
    const bindings = records.filter((record) => record.typeName === 'binding')
    expect(bindings).toHaveLength(2)
    expect(bindings.map((binding) => binding.type)).toEqual(['arrow', 'arrow'])
    expect(bindings.every((binding) => binding.fromId === 'shape:arrow1')).toBe(true)
    expect(bindings.map((binding) => binding.toId).sort()).toEqual(['shape:geo1', 'shape:note2'])
    expect(records.every((record) => TLDR_RECORD_TYPES.has(record.typeName))).toBe(true)
    expect(new Set(records.map((record) => record.typeName))).toEqual(new Set(['document', 'page', 'shape', 'binding', 'asset']))

    const texts = Object.fromEntries(shapes(records).map((shape) => [shape.id, plainTextOf(shape)]))
    expect(texts).toMatchObject({
      'shape:frame1': 'Fallbeispiel: Marktplatz Neustadt',
      'shape:note1': 'Leerstand im Erdgeschoss – Zwischennutzung prüfen 🏪',
      'shape:note2': 'Akteure: Gewerbeverein, Kulturbüro, Bürgerinitiative',
      'shape:note3': 'Übertragbarkeit: hoch für Kleinstädte (Größe ≤ 20.000 EW)',
      'shape:text1': 'Handlungsempfehlung: Quartiersfonds für Straßenfeste',
      'shape:geo1': 'Kulturbüro',
      'shape:geo2': 'Stadtverwaltung',
      'shape:geo3': 'Wohnungsbaugesellschaft',
      'shape:arrow1': 'Allianz',
    })
    // Every imported record is valid at the current schema.
    for (const record of records) expect(() => schema.types[record.typeName]!.validate(record)).not.toThrow()
  })

  it('imports the tldraw 3.15 drawing: every record migrated, 5 shapes, the multi-paragraph text intact', () => {
    const original = JSON.parse(fixtureText('tldraw-3.15-obsidian.tldr')) as { records: Array<{ id: string; typeName: string }> }
    const records = recordsOf(parseTldrFile(fixtureText('tldraw-3.15-obsidian.tldr'), schema))
    expect(shapes(records)).toHaveLength(5)
    const expectedIds = original.records.filter((record) => TLDR_RECORD_TYPES.has(record.typeName)).map((record) => record.id)
    expect(records.map((record) => record.id).sort()).toEqual(expectedIds.sort())
    expect(records.some((record) => ['instance', 'camera', 'pointer', 'instance_page_state'].includes(record.typeName))).toBe(false)
    const text = shapes(records).find((shape) => shape.type === 'text')!
    expect(plainTextOf(text).split('\n')).toHaveLength(10)
    expect(plainTextOf(text)).toContain('FUNCTION SumSquares1(a, b: LONGINT): LONGINT;\n  VAR\n')
    // Migrated: draw segments are stored as encoded paths now.
    const draw = shapes(records).find((shape) => shape.type === 'draw')!
    expect(JSON.stringify(draw.props)).toContain('"path"')
  })

  it('round-trips toTldrFile → JSON → parseTldrFile to identical records', () => {
    for (const records of [board(), recordsOf(parseTldrFile(fixtureText('tldraw-2.0-workshop.tldr'), schema))]) {
      const text = JSON.stringify(toTldrFile(records, schema))
      expect(recordsOf(parseTldrFile(text, schema))).toEqual(records)
    }
  })
})

describe('parseTldrFile with garbage', () => {
  it('rejects text that is not JSON', () => {
    expect(errorOf(parseTldrFile('{"tldrawFileFormatVersion": 1,', schema)).code).toBe('not_json')
    expect(errorOf(parseTldrFile('', schema)).code).toBe('not_json')
    expect(errorOf(parseTldrFile('{"x": NaN}', schema)).code).toBe('not_json')
  })

  it('rejects JSON of the wrong shape, naming the field', () => {
    expect(errorOf(parseTldrFile('[]', schema)).code).toBe('not_tldr')
    expect(errorOf(parseTldrFile('null', schema)).code).toBe('not_tldr')
    const missing = errorOf(parseTldrFile(JSON.stringify({ tldrawFileFormatVersion: 1, schema: schema.serialize() }), schema))
    expect(missing.code).toBe('not_tldr')
    expect(missing.message).toContain('records')
    const badRecord = errorOf(parseTldrFile(fileText([{ id: 'shape:x' }]), schema))
    expect(badRecord).toMatchObject({ code: 'not_tldr' })
    expect(badRecord.message).toContain('records.0.typeName')
    expect(errorOf(parseTldrFile(fileText([], { schemaVersion: 2 }), schema)).code).toBe('not_tldr')
  })

  it('rejects a record with invalid props, naming the record and the reason', () => {
    const [documentRec, page, frame, note] = board()
    const badColor = { ...note, props: { ...(note as { props: object }).props, color: 'magenta' } }
    const colorError = errorOf(parseTldrFile(fileText([documentRec, page, frame, badColor]), schema))
    expect(colorError.code).toBe('invalid_record')
    expect(colorError.message).toContain('shape:n')
    expect(colorError.message).toContain('color')

    // JSON has no NaN; 1e999 parses to Infinity, which the validators refuse like NaN.
    const infinite = fileText([documentRec, page, frame]).replace('"x":0', '"x":1e999')
    const nanError = errorOf(parseTldrFile(infinite, schema))
    expect(nanError.code).toBe('invalid_record')
    expect(nanError.message).toContain('shape:f')

    const wrongId = { ...note, id: 'page:n' }
    expect(errorOf(parseTldrFile(fileText([wrongId]), schema)).code).toBe('invalid_record')
    const unknownShape = { ...note, type: 'sparkle' }
    expect(errorOf(parseTldrFile(fileText([unknownShape]), schema)).code).toBe('invalid_record')
  })

  it('rejects duplicate record ids', () => {
    const records = board()
    expect(errorOf(parseTldrFile(fileText([...records, records[3]]), schema)).code).toBe('duplicate_record')
  })

  it('rejects files from a newer tldraw', () => {
    const ours = schema.serialize()
    if (ours.schemaVersion !== 2) throw new Error('expected a version 2 schema')
    const newerSequence = { ...ours, sequences: { ...ours.sequences, 'com.tldraw.shape.note': 999 } }
    expect(errorOf(parseTldrFile(fileText(board(), newerSequence), schema)).code).toBe('schema_too_new')
    expect(errorOf(parseTldrFile(fileText(board(), { schemaVersion: 3, sequences: {} }), schema)).code).toBe('schema_too_new')
    expect(errorOf(parseTldrFile(fileText(board(), ours, 2), schema)).code).toBe('format_too_new')
  })

  it('refuses prototype-pollution keys anywhere in the file', () => {
    const [documentRec, page] = board()
    const polluted = fileText([documentRec, page]).replace('"meta":{}', '"meta":{"__proto__":{"polluted":true}}')
    expect(polluted).toContain('__proto__')
    expect(errorOf(parseTldrFile(polluted, schema)).code).toBe('forbidden_key')
    const top = `{"__proto__": {"polluted": true}, ${fileText([]).slice(1)}`
    expect(errorOf(parseTldrFile(top, schema)).code).toBe('forbidden_key')
    expect(errorOf(parseTldrFile(fileText([{ id: 'shape:a', typeName: 'shape', constructor: {} }]), schema)).code).toBe('forbidden_key')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('rejects a file larger than MAX_TLDR_BYTES before parsing it', () => {
    const parse = vi.spyOn(JSON, 'parse')
    const huge = fileText([]) + ' '.repeat(MAX_TLDR_BYTES)
    expect(errorOf(parseTldrFile(huge, schema)).code).toBe('too_large')
    // Multi-byte text just over the limit in UTF-8 although shorter in UTF-16 units.
    const umlauts = 'ä'.repeat(MAX_TLDR_BYTES / 2 + 1)
    expect(errorOf(parseTldrFile(umlauts, schema)).code).toBe('too_large')
    expect(parse).not.toHaveBeenCalled()
  })

  it('drops session and unknown record types but keeps the board', () => {
    const session = [
      { id: 'instance:instance', typeName: 'instance' },
      { id: 'camera:page:page', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} },
      { id: 'instance_presence:x', typeName: 'instance_presence' },
      { id: 'user:u', typeName: 'user', name: 'Fremde Person', color: '#000', imageUrl: '', meta: {} },
      { id: 'comment:c', typeName: 'comment' },
    ]
    expect(recordsOf(parseTldrFile(fileText([...session, ...board()]), schema))).toEqual(board())
  })
})
