/**
 * Page helpers for the board: open it as a named participant, read the tldraw store through the
 * test handle the client exposes (`window.quartierboard.editor`), and wait for sync states.
 */
import { expect, type Page } from '@playwright/test'

interface ShapeSummary {
  id: string
  type: string
  x: number
  y: number
  text: string
}

/** Opens a board and answers the name prompt; resolves once the canvas is interactive. */
export async function openBoard(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url)
  await joinAs(page, name)
}

export async function joinAs(page: Page, name: string): Promise<void> {
  const nameInput = page.getByTestId('name-input')
  await nameInput.fill(name)
  await page.getByTestId('name-submit').click()
  await waitForCanvas(page)
}

/** Waits until the board is drawn and its editor is there (up to 30 s: ten browsers on two cores load slowly). */
export async function waitForCanvas(page: Page): Promise<void> {
  await expect(page.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 })
  await page.waitForFunction(() => Boolean((window as unknown as TestWindow).quartierboard?.editor))
}

/** The shapes on the current page, as the browser's tldraw store has them. */
export function shapes(page: Page): Promise<ShapeSummary[]> {
  return page.evaluate(() => {
    const editor = (window as unknown as TestWindow).quartierboard!.editor
    return editor.getCurrentPageShapes().map((shape) => ({
      id: shape.id,
      type: shape.type,
      x: Math.round(shape.x),
      y: Math.round(shape.y),
      text: editor.getShapeUtil(shape).getText?.(shape) ?? '',
    }))
  })
}

/** True when the page's tldraw editor is read-only. */
export function isReadonly(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as TestWindow).quartierboard!.editor.getInstanceState().isReadonly)
}

/** Writes a sticky note with the keyboard tool ("n") at a screen position, like a user. */
export async function writeStickyNote(page: Page, text: string, x: number, y: number): Promise<void> {
  await page.keyboard.press('n')
  await page.mouse.click(x, y)
  // As a person waits for the caret: typed before the new note is being edited, the letters would be
  // tool shortcuts. (A read-only board makes no note: then there is nothing to wait for.)
  await page.waitForFunction(() => {
    const editor = (window as unknown as TestWindow).quartierboard!.editor
    return editor.getInstanceState().isReadonly || editor.getEditingShapeId() !== null
  })
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
}

export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved')
}

/** Minimal view of what the client exposes for tests. */
interface TestWindow {
  quartierboard?: {
    editor: {
      getCurrentPageShapes(): Array<{ id: string; type: string; x: number; y: number }>
      getShapeUtil(shape: unknown): { getText?(shape: unknown): string | undefined }
      getInstanceState(): { isReadonly: boolean }
      getEditingShapeId(): string | null
    }
  }
}
