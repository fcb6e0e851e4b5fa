/**
 * Inserts a workshop template on the editor's current page: in free space right of the existing
 * content, on top of it, as one store batch (one undo step, one sync update), then selects the
 * template and zooms to it.
 */
import { uniqueId, type Editor } from '@tldraw/tldraw'
import { placeTemplate, templateBounds, type FieldOfAction, type PlacedTemplate, type TemplateLocale, type WorkshopTemplate } from '@quartierboard/shared'
import { originInFreeSpace } from './free-space'

/** Screen pixels kept free around a placed template when zooming to it. */
const ZOOM_INSET = 240

export interface InsertTemplateOptions {
  field: FieldOfAction
  locale: TemplateLocale
}

export function insertTemplate(editor: Editor, template: WorkshopTemplate, { field, locale }: InsertTemplateOptions): PlacedTemplate {
  const pageId = editor.getCurrentPageId()
  const origin = originInFreeSpace({
    content: editor.getCurrentPageBounds() ?? null,
    template: templateBounds(template),
    viewport: editor.getViewportPageBounds(),
  })
  const topLevel = editor.getSortedChildIdsForParent(pageId)
  const highest = topLevel.length > 0 ? editor.getShape(topLevel[topLevel.length - 1]!)?.index : undefined
  const placed = placeTemplate(template, { field, locale, origin, pageId, createId: () => uniqueId(), indexAbove: highest })

  editor.markHistoryStoppingPoint(`insert template ${template.id}`)
  editor.run(() => {
    editor.store.put(placed.records)
    editor.select(...placed.rootShapeIds)
  })
  // Room around it for the panels on the canvas (menus, style panel, participant list).
  const inset = Math.min(ZOOM_INSET, editor.getViewportScreenBounds().width * 0.28)
  editor.zoomToBounds(placed.bounds, { animation: { duration: 300 }, inset })
  return placed
}
