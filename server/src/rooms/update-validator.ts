/**
 * Checks a Yjs update against the board layout before it touches a room's document.
 *
 * The update is decoded into its structs without applying it. For every inserted item we work out
 * which top-level type it lands in: an item names its top-level parent directly, names a nested
 * parent item, or (when it continues a list) only its neighbours, whose parent we look up in the
 * update itself or in the room's document. Then:
 * - only the top-level types of the layout (records, meta, facilitation) may receive content;
 * - `records` receives only `{ key, val }` entries whose `val` is a document-scope tldraw record
 *   that passes tldraw's validation and whose id equals its key;
 * - `meta` receives only its known keys;
 * - every JSON value (record, meta or facilitation value) is plain JSON: objects with the ordinary
 *   prototype (lib0 decodes a `__proto__` key by setting the prototype), no binary or bigint, and
 *   at most `maxRecordBytes` long as JSON.
 * Deletions are always allowed. An item whose neighbours cannot be found is refused: we cannot
 * tell where it would land. Clocks the document already has are skipped, as Yjs skips them (a
 * client resending its cache is fine); where an update's copy of known clocks differs from the
 * document, the document decides where new items land, and a contradicting update is refused. So is any update Yjs could not integrate at once (a gap in a client's
 * clocks, a dependency or a deletion the server does not know): Yjs would keep it as "pending" in
 * the document, invisible and unstored, and integrate it later when the gap is filled, bypassing
 * this check for the update that fills it.
 */
import * as Y from 'yjs'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { FACILITATION_KEY, META_CREATED_AT, META_KEY, META_SCHEMA, META_VERSION, RECORDS_KEY, documentRecordTypes } from '@quartierboard/shared'

export type ValidationResult = { ok: true } | { ok: false; reason: string }

/** The verdict on a whole update; an accepted one names the records it writes. */
export type UpdateVerdict = { ok: true; writtenRecordIds: string[] } | { ok: false; reason: string }

const META_KEYS = new Set([META_SCHEMA, META_CREATED_AT, META_VERSION])

/** Default of MAX_RECORD_BYTES: the largest record (as JSON) an update may write. */
export const DEFAULT_MAX_RECORD_BYTES = 256 * 1024
/** Objects and arrays nested deeper than this inside one value are refused. */
const MAX_JSON_DEPTH = 64

/**
 * Where an item lands: a top-level type (or nested below an item of one) and, for map entries,
 * the key. An item that continues after a neighbour inherits the neighbour's placement: Yjs only
 * writes parent and key for items without neighbours.
 */
type Placement = { topLevel: string; nested: boolean; key: string | null } | { unknown: true } | { discarded: true }

export class UpdateValidator {
  private readonly documentTypes: Set<string>

  constructor(
    private readonly doc: Y.Doc,
    private readonly schema: TLSchema,
    private readonly maxRecordBytes: number = DEFAULT_MAX_RECORD_BYTES,
  ) {
    this.documentTypes = documentRecordTypes(schema)
  }

  validate(update: Uint8Array): UpdateVerdict {
    let decoded: ReturnType<typeof Y.decodeUpdate>
    try {
      decoded = Y.decodeUpdate(update)
    } catch (error) {
      return { ok: false, reason: `undecodable update: ${errorMessage(error)}` }
    }
    const itemsInUpdate = new ItemsByClient()
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Item) itemsInUpdate.add(struct)
    }
    const integrable = this.checkIntegrable(decoded, itemsInUpdate)
    if (!integrable.ok) return integrable
    const deletions = this.checkDeletions(decoded.ds)
    if (!deletions.ok) return deletions
    const placements = new Map<string, Placement>()
    const written = new Set<string>()
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue
      // Yjs skips the clocks the document already has and integrates only the rest, next to
      // what the document holds before it; so do we.
      const known = Y.getState(this.doc.store, struct.id.client) - struct.id.clock
      if (known >= struct.length) continue
      let placement = this.placementOf(struct, itemsInUpdate, placements)
      if (known > 0) {
        const inDoc = this.placementOfDocId(Y.createID(struct.id.client, struct.id.clock + known - 1))
        if ('discarded' in inDoc) continue // next to garbage-collected content Yjs discards the rest too
        if (!samePlacement(placement, inDoc)) return { ok: false, reason: `item ${idKey(struct.id)} contradicts the document` }
        placement = inDoc
      }
      const result = this.checkItem(struct, placement, Math.max(0, known))
      if (!result.ok) return result
      if ('topLevel' in placement && placement.topLevel === RECORDS_KEY && struct.content instanceof Y.ContentAny) {
        for (const entry of struct.content.arr.slice(Math.max(0, known))) written.add((entry as { key: string }).key)
      }
    }
    return { ok: true, writtenRecordIds: [...written] }
  }

  /** Checks what an item adds to the document (its content from `offset` on: the clocks before are known). */
  private checkItem(item: Y.Item, placement: Placement, offset: number): ValidationResult {
    if ('unknown' in placement) return { ok: false, reason: `item ${idKey(item.id)} refers to content the server does not know` }
    if ('discarded' in placement) return { ok: true }
    const content = offset > 0 && item.content instanceof Y.ContentAny ? new Y.ContentAny(item.content.arr.slice(offset)) : item.content
    if (content instanceof Y.ContentDeleted) return { ok: true }
    switch (placement.topLevel) {
      case RECORDS_KEY:
        if (placement.nested || placement.key !== null) return { ok: false, reason: 'records is a list of entries' }
        if (!(content instanceof Y.ContentAny)) return { ok: false, reason: 'records entries must be plain JSON' }
        for (const entry of content.arr) {
          const result = this.checkRecordEntry(entry)
          if (!result.ok) return result
        }
        return { ok: true }
      case META_KEY:
        if (placement.nested || placement.key === null || !META_KEYS.has(placement.key)) {
          return { ok: false, reason: `meta accepts only ${[...META_KEYS].join(', ')}` }
        }
        if (!(content instanceof Y.ContentAny)) return { ok: false, reason: 'meta values must be plain JSON' }
        return this.checkValues(content.arr, `meta.${placement.key}`)
      case FACILITATION_KEY:
        return { ok: false, reason: 'only the server changes the facilitation state (use the facilitation API)' }
      default:
        return { ok: false, reason: `top-level type "${placement.topLevel}" is not part of the board layout` }
    }
  }

  /** Checks JSON values outside records: plain JSON, bounded in size. */
  private checkValues(values: unknown[], where: string): ValidationResult {
    for (const value of values) {
      const result = this.checkPlainJson(value, where)
      if (!result.ok) return result
    }
    return { ok: true }
  }

  /** Plain JSON no larger than `maxRecordBytes`. */
  private checkPlainJson(value: unknown, where: string): ValidationResult {
    const problem = plainJsonProblem(value, 0)
    if (problem) return { ok: false, reason: `${where}: ${problem}` }
    const bytes = Buffer.byteLength(JSON.stringify(value) ?? '')
    if (bytes > this.maxRecordBytes) {
      return { ok: false, reason: `${where} is ${bytes} bytes, over MAX_RECORD_BYTES (${this.maxRecordBytes})` }
    }
    return { ok: true }
  }

  /**
   * Refuses updates that Yjs would not integrate at once. Per client, the update's structs must
   * continue the clocks the document has (no gap, no Skip); every item's origin, right origin and
   * parent item must be in the document or in the update; deletions must name known clocks.
   */
  private checkIntegrable(decoded: ReturnType<typeof Y.decodeUpdate>, itemsInUpdate: ItemsByClient): ValidationResult {
    /** The clock each client reaches with this update: what Yjs knows after integrating it. */
    const knownEnd = new Map<number, number>()
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Skip) return { ok: false, reason: `update has a gap in the clocks of client ${struct.id.client}` }
      const client = struct.id.client
      const end = knownEnd.get(client) ?? Y.getState(this.doc.store, client)
      if (struct.id.clock > end) {
        return { ok: false, reason: `update skips clocks of client ${client}: ${struct.id.clock} follows ${end}` }
      }
      knownEnd.set(client, Math.max(end, struct.id.clock + struct.length))
    }
    const known = (id: Y.ID): boolean => id.clock < (knownEnd.get(id.client) ?? Y.getState(this.doc.store, id.client)) || itemsInUpdate.find(id) !== undefined
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue
      const parent = struct.parent as unknown
      for (const dependency of [struct.origin, struct.rightOrigin, parent instanceof Y.ID ? parent : null]) {
        if (dependency && !known(dependency)) {
          return { ok: false, reason: `item ${idKey(struct.id)} refers to content the server does not know` }
        }
      }
    }
    for (const [client, deletions] of decoded.ds.clients) {
      const end = knownEnd.get(client) ?? Y.getState(this.doc.store, client)
      for (const deletion of deletions) {
        if (deletion.clock + deletion.len > end) return { ok: false, reason: `update deletes content of client ${client} the server does not know` }
      }
    }
    return { ok: true }
  }

  /**
   * Deleting is allowed, except in the facilitation map: a deleted lock entry would unlock the
   * board. Only items the document already holds can be in that map (new ones are refused above),
   * and only those not deleted yet count: a deletion is judged by what it would change.
   */
  private checkDeletions(ds: ReturnType<typeof Y.decodeUpdate>['ds']): ValidationResult {
    for (const [client, deletions] of ds.clients) {
      const known = Y.getState(this.doc.store, client)
      for (const deletion of deletions) {
        const end = Math.min(deletion.clock + deletion.len, known)
        for (let clock = deletion.clock; clock < end; ) {
          const item = this.findItemInDoc(Y.createID(client, clock))
          if (!item) break
          // Deleting what is deleted already changes nothing: every Yjs diff repeats the whole
          // delete set, the server's own deletions in the facilitation map included.
          if (item instanceof Y.Item && !item.deleted) {
            const placement = this.placementOfDocItem(item)
            if ('topLevel' in placement && placement.topLevel === FACILITATION_KEY) {
              return { ok: false, reason: 'only the server changes the facilitation state (use the facilitation API)' }
            }
          }
          clock = item.id.clock + item.length
        }
      }
    }
    return { ok: true }
  }

  private checkRecordEntry(entry: unknown): ValidationResult {
    if (!isPlainObject(entry) || typeof entry.key !== 'string' || !isPlainObject(entry.val)) {
      return { ok: false, reason: 'records entries must be { key, val } objects' }
    }
    const plain = this.checkPlainJson(entry, `record ${entry.key.slice(0, 60)}`)
    if (!plain.ok) return plain
    const record = entry.val
    if (record.id !== entry.key) return { ok: false, reason: `record id ${String(record.id)} does not equal its key ${entry.key}` }
    const typeName = record.typeName
    if (typeof typeName !== 'string' || !this.documentTypes.has(typeName)) {
      return { ok: false, reason: `record type ${String(typeName)} does not belong in the document` }
    }
    try {
      this.schema.types[typeName as TLRecord['typeName']]!.validate(record)
    } catch (error) {
      return { ok: false, reason: `invalid ${typeName} record ${entry.key}: ${errorMessage(error)}` }
    }
    return { ok: true }
  }

  /**
   * Finds the top-level type an item lands in, following neighbours and parents (memoised).
   * Iterative: an update written offline can chain thousands of items, each after the previous
   * one, and a hostile one can make references go round in a circle (refused as unknown).
   */
  private placementOf(item: Y.Item, itemsInUpdate: ItemsByClient, memo: Map<string, Placement>): Placement {
    /** Items whose placement follows from the next one's: the same, or nested below it under a key. */
    const path: Array<{ key: string; nestedKey: string | null | undefined }> = []
    const onPath = new Set<string>()
    let current = item
    let placement: Placement
    for (;;) {
      const key = idKey(current.id)
      const known = memo.get(key)
      if (known) {
        placement = known
        break
      }
      if (onPath.has(key)) {
        placement = { unknown: true } // the references go round in a circle
        break
      }
      onPath.add(key)
      const parent = current.parent as unknown
      if (typeof parent === 'string') {
        placement = { topLevel: parent, nested: false, key: current.parentSub }
        memo.set(key, placement)
        break
      }
      const next = parent instanceof Y.ID ? parent : (current.origin ?? current.rightOrigin)
      path.push({ key, nestedKey: parent instanceof Y.ID ? current.parentSub : undefined })
      if (!next) {
        placement = { unknown: true }
        break
      }
      // What the document holds wins over the update's copy of it: Yjs integrates next to the former.
      const inUpdate = next.clock < Y.getState(this.doc.store, next.client) ? undefined : itemsInUpdate.find(next)
      if (!inUpdate) {
        placement = this.placementOfDocId(next)
        break
      }
      current = inUpdate
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const step = path[i]!
      if (step.nestedKey !== undefined) placement = this.nestedBelow(placement, step.nestedKey)
      memo.set(step.key, placement)
    }
    return placement
  }

  /** Placement of the item with this id in the room's document. */
  private placementOfDocId(id: Y.ID): Placement {
    const inDoc = this.findItemInDoc(id)
    if (!inDoc) return { unknown: true }
    // Next to garbage-collected content (a deleted nested type), Yjs discards the new item itself.
    if (!(inDoc instanceof Y.Item)) return { discarded: true }
    return this.placementOfDocItem(inDoc)
  }

  private nestedBelow(placement: Placement, key: string | null): Placement {
    return 'topLevel' in placement ? { topLevel: placement.topLevel, nested: true, key } : placement
  }

  private placementOfDocItem(item: Y.Item): Placement {
    let type = item.parent as Y.AbstractType<unknown> | null
    let nested = false
    while (type?._item) {
      nested = true
      type = type._item.parent as Y.AbstractType<unknown> | null
    }
    if (!type) return { unknown: true }
    for (const [name, topLevel] of this.doc.share) {
      if (topLevel === type) return { topLevel: name, nested, key: nested ? null : item.parentSub }
    }
    return { unknown: true }
  }

  private findItemInDoc(id: Y.ID): Y.Item | Y.GC | undefined {
    const structs = this.doc.store.clients.get(id.client)
    if (!structs || Y.getState(this.doc.store, id.client) <= id.clock) return undefined
    return Y.getItem(this.doc.store, id) as Y.Item | Y.GC
  }
}

/** The items of one update per client, in clock order, to find the item covering a clock. */
class ItemsByClient {
  private readonly byClient = new Map<number, Y.Item[]>()

  add(item: Y.Item): void {
    const items = this.byClient.get(item.id.client)
    if (items) items.push(item)
    else this.byClient.set(item.id.client, [item])
  }

  /** The item whose clock range contains `id` (an item can span several clocks). */
  find(id: Y.ID): Y.Item | undefined {
    const items = this.byClient.get(id.client)
    if (!items) return undefined
    let low = 0
    let high = items.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const item = items[middle]!
      if (id.clock < item.id.clock) high = middle - 1
      else if (id.clock >= item.id.clock + item.length) low = middle + 1
      else return item
    }
    return undefined
  }
}

function idKey(id: Y.ID): string {
  return `${id.client}:${id.clock}`
}

/**
 * Why a decoded value is not plain JSON, or null. lib0 decodes objects by assignment, so a key
 * `__proto__` sets the object's prototype: such values (and binary, bigint, functions) are refused.
 */
function plainJsonProblem(value: unknown, depth: number): string | null {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'number':
      return null
    case 'object':
      break
    default:
      return `${typeof value} is not JSON`
  }
  if (depth > MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels`
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return 'array with a foreign prototype'
    for (const element of value) {
      const problem = plainJsonProblem(element, depth + 1)
      if (problem) return problem
    }
    return null
  }
  const prototype = Object.getPrototypeOf(value) as unknown
  if (prototype !== Object.prototype && prototype !== null) {
    return value instanceof Uint8Array ? 'binary is not JSON' : 'object with a foreign prototype (a "__proto__" key?)'
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return 'object with a "__proto__" key'
    const problem = plainJsonProblem((value as Record<string, unknown>)[key], depth + 1)
    if (problem) return problem
  }
  return null
}

function samePlacement(a: Placement, b: Placement): boolean {
  // Below nested types only the top-level type counts (the document does not track their keys here).
  if ('topLevel' in a && 'topLevel' in b) return a.topLevel === b.topLevel && a.nested === b.nested && (a.nested || a.key === b.key)
  return false
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
