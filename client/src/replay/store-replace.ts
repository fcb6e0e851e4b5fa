/**
 * Plans how to turn the editor's document records into the records of another moment: what to
 * put and what to remove, touching only what differs (so scrubbing does not re-render every
 * shape). Session records (camera, instance state) are never touched; pages and the document
 * record stay when the moment has none (an empty board before the first edit), so the editor
 * always has a page to show.
 */
import { recordId, stableJson, type BoardRecord } from './board-diff'

export interface ReplacePlan {
  put: BoardRecord[]
  remove: string[]
}

/**
 * @param current the editor's document records now
 * @param next the records of the moment to show (any scope; others are ignored)
 * @param isDocumentType whether records of this `typeName` belong to the document
 */
export function planReplace(current: readonly BoardRecord[], next: readonly BoardRecord[], isDocumentType: (typeName: string) => boolean): ReplacePlan {
  const wanted = new Map<string, BoardRecord>()
  for (const record of next) {
    const id = recordId(record)
    if (id !== null && typeof record.typeName === 'string' && isDocumentType(record.typeName)) wanted.set(id, record)
  }
  const hasPage = [...wanted.values()].some((record) => record.typeName === 'page')
  const hasDocument = [...wanted.values()].some((record) => record.typeName === 'document')
  const remove: string[] = []
  const currentById = new Map<string, BoardRecord>()
  for (const record of current) {
    const id = recordId(record)
    if (id === null) continue
    currentById.set(id, record)
    if (wanted.has(id)) continue
    if (record.typeName === 'page' && !hasPage) continue
    if (record.typeName === 'document' && !hasDocument) continue
    remove.push(id)
  }
  const put: BoardRecord[] = []
  for (const [id, record] of wanted) {
    const existing = currentById.get(id)
    if (!existing || stableJson(existing) !== stableJson(record)) put.push(record)
  }
  return { put, remove }
}
