/**
 * Keeps the document-scope records of a tldraw store and the `records` array of a board doc
 * (YKeyValue layout, read through `KeyedEntries`) identical, in both directions.
 *
 * Start: when the doc already has records, they replace the store's document records, migrated
 * from the schema in `meta.schema` to ours (and written back, so the doc is current). When the doc
 * is empty, the store's document records seed it. tldraw gives the document and the default page
 * fixed ids (`document:document`, `page:page`), so two clients seeding at once write the same keys
 * and the rightmost entry of each wins on every peer.
 *
 * Local -> doc: store changes made by the user (not by `mergeRemoteChanges`) are written with our
 * own origin, in one transaction, or in several when the change is large (a pasted board): each
 * Yjs transaction is one WebSocket frame, and a frame over the server's limit is refused
 * (change-pieces.ts). Doc -> store: key changes from any other origin are put
 * into the store inside `mergeRemoteChanges`, so they are not echoed back.
 *
 * Only what changes is written: a record equal to the one the doc holds, the removal of a key the
 * doc does not hold, and meta values equal to the doc's (the schema compared deeply, as browsers and
 * Node serialise its sequences in different key orders) are left out, so that joining a board adds
 * nothing to its update log. tldraw's editor puts the person's `user` record (name, colour, for "last
 * edited by" on notes) into the store when it mounts; that record waits and enters the doc with the
 * person's first real edit, so a join alone writes nothing.
 *
 * A document whose schema is newer than ours puts the binding in read-only mode: it never writes,
 * and the UI asks the user to reload to get the newer app.
 *
 * Private records (sticky notes written in silent brainstorming, flagged in `meta`) never enter
 * the doc: their changes go to `onPrivateRecords`, which keeps them with the server until the
 * facilitator reveals them.
 */
import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord, TLStore } from '@tldraw/tlschema'
import { isEqual } from '@tldraw/utils'
import type * as Y from 'yjs'
import { LAYOUT_VERSION, META_CREATED_AT, META_KEY, META_SCHEMA, META_VERSION, RECORDS_KEY } from '../layout.js'
import { compareSchema, documentRecordTypes } from '../schema.js'
import { MAX_PIECE_BYTES, splitChange } from './change-pieces.js'
import { KeyedEntries, type KeyChange } from './keyed-entries.js'

export type BindingMode = 'readwrite' | 'readonly'

export interface RecordsSyncOptions {
  store: TLStore
  doc: Y.Doc
  onModeChange: (mode: BindingMode) => void
  onError: (error: unknown, context: string) => void
  /** Local changes of private records (added or changed, and removed ids). */
  onPrivateRecords?: (put: TLRecord[], removed: TLRecord['id'][]) => void
  /** At most this many bytes of records (UTF-8 JSON) per Yjs transaction; default `MAX_PIECE_BYTES`. */
  maxPieceBytes?: number
}

/** The `meta` flag that keeps a record out of the board document (silent brainstorming). */
export const PRIVATE_NOTE_META = 'quartierboardPrivate'

/** True when a record is private to its author's browser. */
export function isPrivateRecord(record: TLRecord): boolean {
  return (record.meta as Record<string, unknown> | undefined)?.[PRIVATE_NOTE_META] === true
}

/** tldraw's record of a person (name, colour); it waits for the person's first edit (see above). */
const USER_TYPE = 'user'

export class RecordsSync {
  private readonly records: KeyedEntries<TLRecord>
  private readonly meta: Y.Map<unknown>
  private readonly documentTypes: Set<string>
  private readonly origin = { source: 'quartierboard-binding' }
  private mode: BindingMode = 'readwrite'
  /** `user` records put locally and not yet in the doc: they enter it with the next real edit. */
  private readonly waitingUsers = new Map<string, TLRecord>()
  private readonly unlistenStore: () => void
  private readonly unlistenDoc: () => void

  constructor(private readonly options: RecordsSyncOptions) {
    const { store, doc } = options
    this.records = new KeyedEntries<TLRecord>(doc.getArray(RECORDS_KEY))
    this.meta = doc.getMap(META_KEY)
    this.documentTypes = documentRecordTypes(store.schema)
    this.checkSchema()
    if (this.records.size > 0) this.loadFromDoc()
    else this.seedDoc()
    this.unlistenStore = store.listen(({ changes }) => this.writeToDoc(changes), { source: 'user', scope: 'document' })
    this.unlistenDoc = this.records.onChange(this.onDocChange)
    this.meta.observe(this.onMetaChange)
  }

  dispose(): void {
    this.unlistenStore()
    this.unlistenDoc()
    this.records.dispose()
    this.meta.unobserve(this.onMetaChange)
  }

  private get persistedSchema(): SerializedSchema | undefined {
    return this.meta.get(META_SCHEMA) as SerializedSchema | undefined
  }

  private checkSchema(): void {
    if (compareSchema(this.options.store.schema, this.persistedSchema) === 'newer') this.setMode('readonly')
  }

  private setMode(mode: BindingMode): void {
    if (this.mode === mode) return
    this.mode = mode
    this.options.onModeChange(mode)
  }

  private loadFromDoc(): void {
    if (this.mode === 'readonly') return
    const { store } = this.options
    const stored: Record<string, TLRecord> = {}
    for (const [key, record] of this.records.entries()) stored[key] = record
    const persistedSchema = this.persistedSchema ?? store.schema.serialize()
    const migration = store.schema.migrateStoreSnapshot({ store: stored, schema: persistedSchema })
    if (migration.type === 'error') {
      this.options.onError(new Error(`cannot migrate the board: ${migration.reason}`), 'load')
      this.setMode('readonly')
      return
    }
    const migrated = migration.value as Record<string, TLRecord>
    store.mergeRemoteChanges(() => {
      const stale = store
        .allRecords()
        .filter((record) => this.documentTypes.has(record.typeName) && !(record.id in migrated))
        .map((record) => record.id)
      store.remove(stale)
      store.put(Object.values(migrated))
    })
    const rewritten = Object.values(migrated).filter((record) => !isEqual(record, stored[record.id]))
    if (rewritten.length > 0 || compareSchema(store.schema, this.persistedSchema) === 'older') {
      this.writeInPieces(rewritten, [], () => this.writeMeta())
    }
  }

  private seedDoc(): void {
    if (this.mode === 'readonly') return
    const documentRecords = this.options.store.allRecords().filter((record) => this.documentTypes.has(record.typeName) && !isPrivateRecord(record))
    this.writeInPieces(documentRecords, [], () => this.writeMeta())
  }

  /**
   * Writes records and removals in as many transactions as `splitChange` makes of them; `first`
   * runs inside the first one (meta goes with the first piece of records).
   */
  private writeInPieces(put: TLRecord[], removed: string[], first?: () => void): void {
    const pieces = splitChange(put, removed, this.options.maxPieceBytes ?? MAX_PIECE_BYTES)
    pieces.forEach((piece, index) => {
      this.options.doc.transact(() => {
        if (index === 0) first?.()
        this.records.apply(
          piece.put.map((record) => ({ key: record.id, val: record })),
          piece.removed,
        )
      }, this.origin)
    })
  }

  private writeMeta(): void {
    const ours = this.options.store.schema.serialize()
    if (!isEqual(this.meta.get(META_SCHEMA), ours)) this.meta.set(META_SCHEMA, ours)
    if (!this.meta.has(META_CREATED_AT)) this.meta.set(META_CREATED_AT, Date.now())
    if (this.meta.get(META_VERSION) !== LAYOUT_VERSION) this.meta.set(META_VERSION, LAYOUT_VERSION)
  }

  private writeToDoc(changes: {
    added: Record<string, TLRecord>
    updated: Record<string, [TLRecord, TLRecord]>
    removed: Record<string, TLRecord>
  }): void {
    if (this.mode === 'readonly') return
    const put = [...Object.values(changes.added), ...Object.values(changes.updated).map(([, after]) => after)]
    const removed = Object.values(changes.removed)
    const privatePut = put.filter(isPrivateRecord)
    const privateRemoved = removed.filter(isPrivateRecord).map((record) => record.id)
    if (privatePut.length > 0 || privateRemoved.length > 0) this.options.onPrivateRecords?.(privatePut, privateRemoved)
    const publicPut = put.filter((record) => !isPrivateRecord(record) && !isEqual(record, this.records.get(record.id)))
    const publicRemoved = removed.filter((record) => !isPrivateRecord(record) && this.records.has(record.id)).map((record) => record.id)
    for (const id of publicRemoved) this.waitingUsers.delete(id)
    const edits = publicPut.filter((record) => record.typeName !== USER_TYPE)
    for (const record of publicPut) if (record.typeName === USER_TYPE) this.waitingUsers.set(record.id, record)
    if (edits.length === 0 && publicRemoved.length === 0) return
    const users = [...this.waitingUsers.values()].filter((record) => !isEqual(record, this.records.get(record.id)))
    this.waitingUsers.clear()
    this.writeInPieces([...users, ...edits], publicRemoved)
  }

  private readonly onDocChange = (changes: Map<string, KeyChange<TLRecord>>, transaction: Y.Transaction): void => {
    if (transaction.origin === this.origin || this.mode === 'readonly') return
    const { store } = this.options
    const toPut: TLRecord[] = []
    const toRemove: TLRecord['id'][] = []
    // Apply the doc's current value of every changed key: that is what every peer converges on.
    for (const id of changes.keys()) {
      const current = this.records.get(id)
      if (current === undefined) {
        toRemove.push(id as TLRecord['id'])
        continue
      }
      const record = this.migrateRemote(current)
      if (record) toPut.push(record)
    }
    store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) store.remove(toRemove.filter((id) => store.has(id)))
      for (const record of toPut) {
        try {
          store.put([record])
        } catch (error) {
          this.options.onError(error, `remote record ${record.id}`)
        }
      }
    })
  }

  /** A remote record in our schema's shape, or null when it cannot be used. */
  private migrateRemote(record: TLRecord | undefined): TLRecord | null {
    if (!record || typeof record !== 'object' || !this.documentTypes.has(record.typeName)) return null
    const persistedSchema = this.persistedSchema
    if (!persistedSchema || compareSchema(this.options.store.schema, persistedSchema) === 'same') return record
    const result = this.options.store.schema.migratePersistedRecord(record, persistedSchema)
    if (result.type === 'error') {
      this.options.onError(new Error(`cannot migrate ${record.id}: ${result.reason}`), 'remote record')
      return null
    }
    return result.value
  }

  private readonly onMetaChange = (): void => {
    this.checkSchema()
  }
}
