/**
 * The `.tldr` file: tldraw's own JSON file format (`{ tldrawFileFormatVersion, schema, records }`), so a board
 * can be saved as a file tldraw opens and a file from tldraw (2.x to 5.x) can be imported. Import is the
 * trust boundary: the text is size-bounded, parsed without prototype-pollution keys, shape-checked, migrated
 * to our schema, reduced to board content (no session records) and validated record by record.
 */
import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { z } from 'zod'
import { compareSchema } from '../schema.js'

/** The `tldrawFileFormatVersion` tldraw writes and the newest one we read. */
export const TLDR_FILE_FORMAT_VERSION = 1

/** Largest `.tldr` text accepted for import, in UTF-8 bytes (50 MB). */
export const MAX_TLDR_BYTES = 50 * 1024 * 1024

/**
 * Record types that make up board content and travel in a `.tldr` file. Everything else in a file (instance,
 * camera, pointer, instance_page_state, instance_presence, tldraw 5's `user` attribution records, unknown types)
 * is dropped: it is either per-session state or, for `user`, names of people outside the workshop.
 */
export const TLDR_RECORD_TYPES: ReadonlySet<string> = new Set(['document', 'page', 'shape', 'binding', 'asset'])

/** Keys that are refused anywhere in an imported file, so no later merge can reach an object prototype. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** A `.tldr` file as tldraw writes it. */
export interface TldrFile {
  tldrawFileFormatVersion: number
  schema: SerializedSchema
  records: TLRecord[]
}

/** Why an import failed; `message` is English and names the offending record where there is one. */
export type TldrParseErrorCode =
  | 'too_large'
  | 'not_json'
  | 'forbidden_key'
  | 'not_tldr'
  | 'format_too_new'
  | 'schema_too_new'
  | 'duplicate_record'
  | 'migration_failed'
  | 'invalid_record'

/** Result of {@link parseTldrFile}. */
export type TldrParseResult =
  | { ok: true; records: TLRecord[] }
  | { ok: false; error: { code: TldrParseErrorCode; message: string } }

const version = z.number().int().nonnegative()

const SchemaV1 = z.object({
  schemaVersion: z.literal(1),
  storeVersion: version,
  recordVersions: z.record(
    z.string(),
    z.object({ version, subTypeVersions: z.record(z.string(), version).optional(), subTypeKey: z.string().optional() }),
  ),
})

const SchemaV2 = z.object({ schemaVersion: z.literal(2), sequences: z.record(z.string(), version) })

const FileShape = z.object({
  tldrawFileFormatVersion: z.number().int().positive(),
  schema: z.looseObject({ schemaVersion: z.number().int().positive() }),
  records: z.array(z.looseObject({ id: z.string().min(1), typeName: z.string().min(1) })),
})

type RawRecord = z.infer<typeof FileShape>['records'][number]

/** The `.tldr` file of the given records: only board-content records (see {@link TLDR_RECORD_TYPES}), in their order. */
export function toTldrFile(records: readonly TLRecord[], schema: TLSchema): TldrFile {
  return {
    tldrawFileFormatVersion: TLDR_FILE_FORMAT_VERSION,
    schema: schema.serialize(),
    records: records.filter((record) => TLDR_RECORD_TYPES.has(record.typeName)),
  }
}

function fail(code: TldrParseErrorCode, message: string): TldrParseResult {
  return { ok: false, error: { code, message } }
}

/** Exact UTF-8 length of a string, counted without allocating an encoded copy. */
function utf8ByteLength(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

function isTooLarge(text: string): boolean {
  if (text.length > MAX_TLDR_BYTES) return true
  if (text.length * 3 <= MAX_TLDR_BYTES) return false
  return utf8ByteLength(text) > MAX_TLDR_BYTES
}

class ForbiddenKeyError extends Error {}

/** JSON.parse that throws {@link ForbiddenKeyError} on any forbidden key, at any depth. */
function parseJsonSafely(text: string): unknown {
  return JSON.parse(text, (key: string, value: unknown) => {
    if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(`the file contains the forbidden key "${key}"`)
    return value
  })
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'unexpected structure'
  const path = issue.path.map(String).join('.')
  return path ? `${path}: ${issue.message}` : issue.message
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Checks the serialized schema's own structure; a schemaVersion above 2 comes from a newer tldraw. */
function readSchema(raw: { schemaVersion: number }): { ok: true; schema: SerializedSchema } | { ok: false; result: TldrParseResult } {
  if (raw.schemaVersion > 2) {
    return { ok: false, result: fail('schema_too_new', `schema version ${raw.schemaVersion} is newer than this app supports`) }
  }
  const parsed = z.union([SchemaV1, SchemaV2]).safeParse(raw)
  if (!parsed.success) return { ok: false, result: fail('not_tldr', `not a tldraw file: schema.${describeIssue(parsed.error)}`) }
  return { ok: true, schema: parsed.data }
}

/** A null-prototype id → record map of the board-content records, or the first id that occurs twice. */
function storeOf(records: readonly RawRecord[]): { store: Record<string, TLRecord> } | { duplicate: string } {
  const store = Object.create(null) as Record<string, TLRecord>
  for (const record of records) {
    if (!TLDR_RECORD_TYPES.has(record.typeName)) continue
    if (Object.hasOwn(store, record.id)) return { duplicate: record.id }
    store[record.id] = record as unknown as TLRecord
  }
  return { store }
}

/**
 * Reads a `.tldr` file into board-content records at our schema's version, or says why it cannot:
 * too large, not JSON, forbidden keys, not a tldraw file, a newer format or schema, a failed migration,
 * or the first record that fails validation (with its id and the validator's reason).
 */
export function parseTldrFile(text: string, schema: TLSchema): TldrParseResult {
  if (isTooLarge(text)) return fail('too_large', `the file is larger than ${MAX_TLDR_BYTES / (1024 * 1024)} MB`)

  let json: unknown
  try {
    json = parseJsonSafely(text)
  } catch (error) {
    if (error instanceof ForbiddenKeyError) return fail('forbidden_key', error.message)
    return fail('not_json', `the file is not valid JSON: ${errorMessage(error)}`)
  }

  if (isTldrawV1File(json)) {
    return fail('not_tldr', 'this is a file of tldraw 1.x, whose format tldraw 2 and later (and this app) cannot read: no tldrawFileFormatVersion')
  }
  const file = FileShape.safeParse(json)
  if (!file.success) return fail('not_tldr', `not a tldraw file: ${describeIssue(file.error)}`)
  if (file.data.tldrawFileFormatVersion > TLDR_FILE_FORMAT_VERSION) {
    return fail('format_too_new', `file format version ${file.data.tldrawFileFormatVersion} is newer than this app supports`)
  }

  const persisted = readSchema(file.data.schema)
  if (!persisted.ok) return persisted.result
  if (compareSchema(schema, persisted.schema) === 'newer') {
    return fail('schema_too_new', 'the file was saved by a newer tldraw version than this app supports')
  }

  const collected = storeOf(file.data.records)
  if ('duplicate' in collected) return fail('duplicate_record', `the record id ${collected.duplicate} occurs more than once`)

  let migrated: Record<string, TLRecord>
  try {
    const result = schema.migrateStoreSnapshot({ store: collected.store, schema: persisted.schema })
    if (result.type === 'error') return fail('migration_failed', `the records could not be migrated (${result.reason})`)
    migrated = result.value
  } catch (error) {
    return fail('migration_failed', `the records could not be migrated: ${errorMessage(error)}`)
  }

  const records: TLRecord[] = []
  for (const record of Object.values(migrated)) {
    if (!TLDR_RECORD_TYPES.has(record.typeName)) continue
    const type = schema.types[record.typeName]
    try {
      if (!type) throw new Error(`unknown record type ${record.typeName}`)
      type.validate(record)
    } catch (error) {
      return fail('invalid_record', `invalid ${record.typeName} record ${record.id}: ${errorMessage(error)}`)
    }
    records.push(record)
  }
  return { ok: true, records }
}

/** tldraw 1.x wrote `{ document: { version, pages, … }, assets }` without a format version. */
function isTldrawV1File(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || 'tldrawFileFormatVersion' in json) return false
  const document = (json as { document?: unknown }).document
  return typeof document === 'object' && document !== null && typeof (document as { version?: unknown }).version === 'number'
}
