/**
 * Inserts a workshop template on the editor's current page: in free space right of the existing
 * content, on top of it, as one store batch (one undo step, one sync update), then selects the
 * template and moves the view to it, its prompts readable (insert-camera.ts).
 */
import { uniqueId, type Editor } from '@tldraw/tldraw'
import {
  placeTemplate,
  smallestPromptFontPx,
  templateBounds,
  type FieldOfAction,
  type PlacedTemplate,
  type TemplateLocale,
  type WorkshopTemplate,
} from '@quartierboard/shared'
import { originInFreeSpace } from './free-space'
import { insertCamera } from './insert-camera'

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
  const screen = editor.getViewportScreenBounds()
  const inset = Math.min(ZOOM_INSET, screen.width * 0.28)
  const zoomSteps = editor.getCameraOptions().zoomSteps
  const camera = insertCamera({
    bounds: placed.bounds,
    screen: { w: screen.width, h: screen.height },
    inset,
    promptFontPx: smallestPromptFontPx(template),
    zoomRange: { min: zoomSteps[0] ?? 0.05, max: zoomSteps[zoomSteps.length - 1] ?? 8 },
  })
  editor.setCamera(camera, { animation: { duration: 300 } })
  return placed
}
