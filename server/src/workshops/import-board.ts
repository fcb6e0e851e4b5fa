/**
 * What importing a .tldr file does to a board. `replace` makes the board exactly the file's
 * records (everything else is removed), so export -> import round-trips records unchanged.
 * `add-page` keeps the board and puts each page of the file on a new page after the existing
 * ones; records whose ids the board already uses get fresh ids, and every reference to them
 * (parents, arrow bindings, assets) follows. A replacing import first takes the same backup
 * snapshot a restore takes (`SessionService.backupBeforeChange`), labelled "Vor dem Import".
 */
import { randomBytes } from 'node:crypto'
import type { TLRecord } from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import type { ImportMode } from '@quartierboard/shared'

export interface ImportPlan {
  put: TLRecord[]
  remove: string[]
  pageIds: string[]
}

/** Label of the backup a replacing import takes first, in the facilitator's language (German unless `en`). */
export function importBackupLabel(locale: unknown): string {
  return locale === 'en' ? 'Before the import' : 'Vor dem Import'
}

export function planImport(current: readonly TLRecord[], incoming: readonly TLRecord[], mode: ImportMode, pageSuffix: string): ImportPlan {
  if (mode === 'replace') {
    const incomingIds = new Set(incoming.map((record) => record.id as string))
    return {
      put: [...incoming],
      remove: current.map((record) => record.id as string).filter((id) => !incomingIds.has(id)),
      pageIds: incoming.filter((record) => record.typeName === 'page').map((record) => record.id),
    }
  }
  return addAsNewPages(current, incoming, pageSuffix)
}

function addAsNewPages(current: readonly TLRecord[], incoming: readonly TLRecord[], pageSuffix: string): ImportPlan {
  const taken = new Set(current.map((record) => record.id as string))
  const renamed = new Map<string, string>()
  const freshId = (id: string) => {
    const [prefix] = id.split(':')
    let next = id
    while (taken.has(next)) next = `${prefix}:${randomBytes(9).toString('base64url')}`
    taken.add(next)
    if (next !== id) renamed.set(id, next)
    return next
  }
  // Pages always get new ids and go after the board's pages.
  let index = current
    .filter((record) => record.typeName === 'page')
    .map((page) => (page as { index: IndexKey }).index)
    .sort()
    .at(-1)
  const pageIds: string[] = []
  for (const page of incoming.filter((record) => record.typeName === 'page')) {
    const id = `page:${randomBytes(9).toString('base64url')}`
    taken.add(id)
    renamed.set(page.id, id)
    pageIds.push(id)
  }
  for (const record of incoming) {
    if (record.typeName === 'shape' || record.typeName === 'binding' || record.typeName === 'asset') freshId(record.id)
  }
  const rename = (id: unknown) => (typeof id === 'string' ? (renamed.get(id) ?? id) : id)
  const put: TLRecord[] = []
  for (const record of incoming) {
    switch (record.typeName) {
      case 'document':
        continue // the board keeps its own document record
      case 'page':
        index = getIndexAbove(index ?? null)
        put.push({ ...record, id: rename(record.id), index, name: `${record.name}${pageSuffix}` } as TLRecord)
        continue
      case 'shape': {
        const props = record.props as Record<string, unknown>
        const withAsset = 'assetId' in props ? { ...props, assetId: rename(props.assetId) } : props
        put.push({ ...record, id: rename(record.id), parentId: rename(record.parentId), props: withAsset } as TLRecord)
        continue
      }
      case 'binding':
        put.push({ ...record, id: rename(record.id), fromId: rename(record.fromId), toId: rename(record.toId) } as TLRecord)
        continue
      default:
        put.push({ ...record, id: rename(record.id) } as TLRecord)
    }
  }
  return { put, remove: [], pageIds }
}
