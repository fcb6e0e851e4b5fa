/**
 * Puts the records of a moment into the read-only editor: replaces the document records (shapes,
 * pages, bindings, assets) and leaves the camera and instance state alone. Done as a remote
 * change so it never lands in the undo stack.
 */
import type { Editor, TLRecord } from '@tldraw/tldraw'
import type { BoardRecord } from './board-diff'
import { planReplace } from './store-replace'

export function applyRecords(editor: Editor, records: readonly BoardRecord[]): void {
  const { store } = editor
  const types = store.schema.types as Record<string, { scope?: string } | undefined>
  const isDocumentType = (typeName: string) => types[typeName]?.scope === 'document'
  const current = store.allRecords().filter((record) => isDocumentType(record.typeName)) as unknown as BoardRecord[]
  const plan = planReplace(current, records, isDocumentType)
  if (plan.put.length === 0 && plan.remove.length === 0) return
  store.mergeRemoteChanges(() => {
    // Put first: swapping pages must never leave the store without one.
    if (plan.put.length > 0) store.put(plan.put as unknown as TLRecord[])
    if (plan.remove.length > 0) store.remove(plan.remove as TLRecord['id'][])
  })
  const pages = editor.getPages()
  if (pages.length > 0 && !pages.some((page) => page.id === editor.getCurrentPageId())) editor.setCurrentPage(pages[0]!.id)
}
