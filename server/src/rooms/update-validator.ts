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
 * - `meta` receives only its known keys.
 * Deletions are always allowed. An item whose neighbours cannot be found is refused: we cannot
 * tell where it would land.
 */
import * as Y from 'yjs'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { FACILITATION_KEY, META_CREATED_AT, META_KEY, META_SCHEMA, META_VERSION, RECORDS_KEY, documentRecordTypes } from '@quartierboard/shared'

export type ValidationResult = { ok: true } | { ok: false; reason: string }

/** The verdict on a whole update; an accepted one names the records it writes. */
export type UpdateVerdict = { ok: true; writtenRecordIds: string[] } | { ok: false; reason: string }

const META_KEYS = new Set([META_SCHEMA, META_CREATED_AT, META_VERSION])

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
    const placements = new Map<string, Placement>()
    const written = new Set<string>()
    for (const struct of decoded.structs) {
      if (!(struct instanceof Y.Item)) continue
      const placement = this.placementOf(struct, itemsInUpdate, placements, 0)
      const result = this.checkItem(struct, placement)
      if (!result.ok) return result
      if ('topLevel' in placement && placement.topLevel === RECORDS_KEY && struct.content instanceof Y.ContentAny) {
        for (const entry of struct.content.arr) written.add((entry as { key: string }).key)
      }
    }
    return { ok: true, writtenRecordIds: [...written] }
  }

  private checkItem(item: Y.Item, placement: Placement): ValidationResult {
    if ('unknown' in placement) return { ok: false, reason: `item ${idKey(item.id)} refers to content the server does not know` }
    if ('discarded' in placement) return { ok: true }
    const content = item.content
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
        return { ok: true }
      case FACILITATION_KEY:
        return { ok: true }
      default:
        return { ok: false, reason: `top-level type "${placement.topLevel}" is not part of the board layout` }
    }
  }

  private checkRecordEntry(entry: unknown): ValidationResult {
    if (!isPlainObject(entry) || typeof entry.key !== 'string' || !isPlainObject(entry.val)) {
      return { ok: false, reason: 'records entries must be { key, val } objects' }
    }
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

  /** Finds the top-level type an item lands in, following neighbours and parents (memoised). */
  private placementOf(item: Y.Item, itemsInUpdate: ItemsByClient, memo: Map<string, Placement>, depth: number): Placement {
    const key = idKey(item.id)
    const known = memo.get(key)
    if (known) return known
    if (depth > 10_000) return { unknown: true }
    let placement: Placement
    const parent = item.parent as unknown
    if (typeof parent === 'string') {
      placement = { topLevel: parent, nested: false, key: item.parentSub }
    } else if (parent instanceof Y.ID) {
      placement = this.nestedBelow(this.placementOfId(parent, itemsInUpdate, memo, depth), item.parentSub)
    } else {
      const neighbour = item.origin ?? item.rightOrigin
      placement = neighbour ? this.placementOfId(neighbour, itemsInUpdate, memo, depth) : { unknown: true }
    }
    memo.set(key, placement)
    return placement
  }

  /** Placement of the item with this id, found in the update or in the room's document. */
  private placementOfId(id: Y.ID, itemsInUpdate: ItemsByClient, memo: Map<string, Placement>, depth: number): Placement {
    const inUpdate = itemsInUpdate.find(id)
    if (inUpdate) return this.placementOf(inUpdate, itemsInUpdate, memo, depth + 1)
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
