/**
 * The layout of a workshop board's Y.Doc: the public contract that the server, the client, exports
 * and history all read (see ARCHITECTURE.md, "The Yjs document of a workshop board").
 */

/** Name of the `Y.Array` of `{ key, val }` entries (y-utility's `YKeyValue` layout, read through `KeyedEntries`) holding document-scope tldraw records. */
export const RECORDS_KEY = 'records'
/** Name of the `Y.Map` holding the writer's tldraw schema, creation time and layout version. */
export const META_KEY = 'meta'
/** Name of the `Y.Map` holding shared facilitation state (timer, votes, lock, follow requests). */
export const FACILITATION_KEY = 'facilitation'

/** The only top-level types a board document may contain; the server refuses updates adding others. */
export const TOP_LEVEL_TYPES = [RECORDS_KEY, META_KEY, FACILITATION_KEY] as const

/** Keys of the `meta` map. */
export const META_SCHEMA = 'schema'
export const META_CREATED_AT = 'createdAt'
export const META_VERSION = 'version'

/** Version of this document layout, stored in `meta.version`. Bump when the table above changes. */
export const LAYOUT_VERSION = 1
