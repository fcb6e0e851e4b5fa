import { createTLSchema, type TLRecord, type TLSchema } from '@tldraw/tlschema'
import type { SerializedSchema } from '@tldraw/store'

/**
 * The tldraw store schema of a Quartierboard board: tldraw's default shapes, bindings and assets.
 * The client's editor (default shape utils) produces the same schema; the server validates with it.
 */
export function createBoardSchema(): TLSchema {
  return createTLSchema()
}

/** The record types whose scope is `document`: the only ones that enter the Y.Doc. */
export function documentRecordTypes(schema: TLSchema): Set<string> {
  const types = new Set<string>()
  for (const [name, type] of Object.entries(schema.types)) {
    if (type.scope === 'document') types.add(name)
  }
  return types
}

/** True when a record belongs in the Y.Doc (its type is known and of document scope). */
export function isDocumentRecord(schema: TLSchema, record: TLRecord): boolean {
  return schema.types[record.typeName]?.scope === 'document'
}

/**
 * Compares a persisted schema (from `meta.schema`) with ours: `older` means we can migrate it up,
 * `newer` means it was written by a newer tldraw and we must not write.
 */
export function compareSchema(ours: TLSchema, persisted: SerializedSchema | undefined): 'same' | 'older' | 'newer' {
  if (!persisted) return 'same'
  const result = ours.getMigrationsSince(persisted)
  if (!result.ok) return 'newer'
  return result.value.length === 0 ? 'same' : 'older'
}
