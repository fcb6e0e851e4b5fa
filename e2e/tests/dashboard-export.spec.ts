/**
 * Exports from the dashboard, as a facilitator after the workshop would use them: the results
 * record in every format (JSON included) from the dashboard's own export menu, pictures and the
 * PDF through a link that opens the board with its export menu, a long PDF that can be cancelled,
 * the workshop's time zone as a setting (the replay follows it), and the delete dialog offering the results record.
 */
import fs from 'node:fs'
import type { Page } from '@playwright/test'
import { expectSaved, openBoard } from '../support/board.js'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop } from '../support/workshops.js'

interface TestWindow {
  quartierboard: { editor: { createShapes(shapes: object[]): void; zoomToFit(): void } }
}

/** Twenty frames with a note each: enough for a PDF that takes a while to draw. */
async function drawFrames(page: Page, count: number): Promise<void> {
  await page.evaluate((count) => {
    const editor = (window as unknown as TestWindow).quartierboard.editor
    const richText = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
    const shapes: object[] = []
    for (let i = 0; i < count; i++) {
      shapes.push({ id: `shape:frame${i}`, type: 'frame', x: (i % 5) * 700, y: Math.floor(i / 5) * 500, props: { w: 600, h: 420, name: `Fallbeispiel ${i + 1}` } })
      shapes.push({ id: `shape:note${i}`, type: 'note', parentId: `shape:frame${i}`, x: 60, y: 80, props: { richText: richText(`Idee ${i + 1}`) } })
    }
    editor.createShapes(shapes)
    editor.zoomToFit()
  }, count)
}

test('the dashboard exports the results record in every format, links to the board for pictures, and keeps the time zone', async ({ page, server }, testInfo) => {
  test.setTimeout(120_000)
  const workshop = await createWorkshop(server.url, 'Praxiswerkstatt Nord')
  await openBoard(page, `${server.url}/w/${workshop.id}#token=${workshop.tokens.facilitator}`, 'Mia')
  await drawFrames(page, 20)
  await expectSaved(page)

  await page.goto(`${server.url}/w/${workshop.id}/dashboard#token=${workshop.tokens.facilitator}`)
  await expect(page.getByTestId('dashboard')).toBeVisible()

  // The time zone: set, kept after a reload.
  await expect(page.getByTestId('setting-time-zone')).toHaveValue('Europe/Berlin')
  await page.getByTestId('setting-time-zone').selectOption('Asia/Tokyo')
  await expect.poll(async () => ((await (await fetch(`${server.url}/api/workshops/${workshop.id}`, { headers: { authorization: `Bearer ${workshop.tokens.facilitator}` } })).json()) as { timeZone: string }).timeZone).toBe('Asia/Tokyo')
  await page.reload()
  await expect(page.getByTestId('setting-time-zone')).toHaveValue('Asia/Tokyo')

  // The replay shows its times in that zone.
  await page.goto(`${server.url}/w/${workshop.id}/replay`)
  const shown = page.getByTestId('replay-time')
  await expect(shown).toHaveAttribute('data-pending', 'false')
  const at = Number(await shown.getAttribute('data-time'))
  const tokyo = new Date(at).toLocaleTimeString('de-DE', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Tokyo' })
  await expect(shown.locator('strong')).toHaveText(tokyo)
  await page.goto(`${server.url}/w/${workshop.id}/dashboard`)

  // The results record as JSON from the dashboard's menu.
  await page.getByTestId('export-open').click()
  await expect(page.getByTestId('export-panel')).toBeVisible()
  await expect(page.getByTestId('export-pictures-on-board')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('dashboard-export-menu.png'), fullPage: true })
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()])
  expect(download.suggestedFilename()).toMatch(/^Praxiswerkstatt Nord – Ergebnisprotokoll – \d{4}-\d{2}-\d{2}\.json$/)
  const record = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { moment: string | null; groups: Array<{ title: string; items: Array<{ text: string }> }> }
  expect(record.moment).toBeNull()
  expect(record.groups.map((group) => group.title).slice(0, 3)).toEqual(['Fallbeispiel 1', 'Fallbeispiel 2', 'Fallbeispiel 3'])
  expect(record.groups.flatMap((group) => group.items.map((item) => item.text))).toContain('Idee 20')

  // Pictures and the PDF: the link opens the board with its export menu open; a long PDF can be cancelled.
  await page.getByTestId('export-open-board').click()
  await expect(page.getByTestId('export-panel')).toBeVisible()
  let downloaded = false
  page.on('download', () => (downloaded = true))
  await page.getByTestId('export-pdf').click()
  await expect(page.getByTestId('export-cancel')).toBeVisible()
  await expect(page.getByTestId('export-progress')).toContainText('Seite')
  await page.screenshot({ path: testInfo.outputPath('board-export-progress.png') })
  await page.getByTestId('export-cancel').click()
  await expect(page.getByTestId('export-done')).toHaveText('Export abgebrochen.')
  await expect(page.getByTestId('export-progress')).toHaveCount(0)
  expect(downloaded).toBe(false)

  // The delete dialog offers the results record next to the .tldr.
  await page.goto(`${server.url}/w/${workshop.id}/dashboard`)
  await page.getByTestId('delete-start').click()
  await expect(page.getByTestId('delete-export')).toHaveAttribute('href', /format=tldr/)
  await expect(page.getByTestId('delete-export-results')).toHaveAttribute('href', /format=md/)
  await expect(page.getByTestId('delete-export-results-csv')).toHaveAttribute('href', /format=csv/)
  await expect(page.getByTestId('delete-export-pdf')).toHaveAttribute('href', `/w/${workshop.id}?export=open`)
  await page.screenshot({ path: testInfo.outputPath('dashboard-delete-dialog.png'), fullPage: true })
})
