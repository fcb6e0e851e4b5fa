/**
 * A frame someone draws is named in the board's language: tldraw would show and export an empty
 * name as the English "Frame" in the German UI.
 */
import type { Page } from '@playwright/test'
import { expectSaved, openBoard } from '../support/board.js'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop, roleLink } from '../support/workshops.js'

async function drawFrame(page: Page, from: { x: number; y: number }): Promise<void> {
  await page.keyboard.press('f')
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + 120, from.y + 90, { steps: 8 })
  await page.mouse.move(from.x + 200, from.y + 150, { steps: 8 })
  await page.mouse.up()
  await page.keyboard.press('Escape')
}

async function frameNames(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const editor = (window as unknown as { quartierboard: { editor: { getCurrentPageShapes(): Array<{ type: string; y: number; props: { name?: string } }> } } }).quartierboard.editor
    return editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === 'frame')
      .sort((a, b) => a.y - b.y)
      .map((shape) => shape.props.name ?? '')
  })
}

test('a drawn frame is named "Rahmen" in German and "Frame" in English', async ({ page, server }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Rahmen zeichnen')
  await openBoard(page, roleLink(server.url, workshop, 'participant'), 'Lea')
  await drawFrame(page, { x: 300, y: 200 })
  await expect.poll(() => frameNames(page)).toEqual(['Rahmen'])
  await page.getByTestId('language-switch').selectOption('en')
  await drawFrame(page, { x: 300, y: 450 })
  await expect.poll(() => frameNames(page)).toEqual(['Rahmen', 'Frame'])
  await expectSaved(page)
  await page.screenshot({ path: testInfo.outputPath('frames.png') })
})
