/**
 * Our screens against WCAG 2.1 AA with axe-core (support/axe.ts), in the states a workshop passes
 * through: lobby, name prompt, the board as participant and facilitator with every facilitation
 * pill, the template and export dialogs, the list view, English, the dashboard with its import
 * panel, a snapshot, the replay, and a phone. The dialogs are also driven by keyboard: focus moves
 * in, stays in, and goes back to the button that opened them.
 */
import type { Page } from '@playwright/test'
import type { CreateWorkshopResponse, Role } from '@quartierboard/shared'
import { expectAccessible } from '../support/axe.js'
import { joinAs, openBoard, shapes } from '../support/board.js'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop, roleLink } from '../support/workshops.js'

interface A11yTestWindow {
  quartierboard?: { editor: { createShapes(shapes: unknown[]): unknown; select(id: string): unknown } }
}

const rich = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

async function createFrameWithNotes(page: Page): Promise<void> {
  await page.evaluate(
    (texts) => {
      const editor = (window as unknown as A11yTestWindow).quartierboard!.editor
      editor.createShapes([
        { id: 'shape:ideas', type: 'frame', x: 100, y: 100, props: { w: 700, h: 400, name: 'Ideen' } },
        { id: 'shape:n1', type: 'note', parentId: 'shape:ideas', x: 40, y: 80, props: { richText: texts[0] } },
        { id: 'shape:n2', type: 'note', parentId: 'shape:ideas', x: 320, y: 80, props: { richText: texts[1] } },
      ])
    },
    [rich('Leerstand nutzen'), rich('Markthalle')],
  )
}

async function api(serverUrl: string, workshop: CreateWorkshopResponse, role: Role, method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${serverUrl}/api/workshops/${workshop.id}${path}`, {
    method,
    headers: { authorization: `Bearer ${workshop.tokens[role]}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true)
  return response
}

/** Tab `count` times and return the test ids of the elements that had focus. */
async function tabThrough(page: Page, count: number, backwards = false): Promise<string[]> {
  const seen: string[] = []
  for (let step = 0; step < count; step++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
    seen.push(await page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? ''))
  }
  return seen
}

test('lobby, name prompt and the board with every pill, dialog and the list view pass axe', async ({ page, server, newParticipant }, testInfo) => {
  test.setTimeout(120_000) // a dozen scans of pages with tldraw on them: 25 s on a quiet machine, more on a busy one
  await page.goto(server.url)
  await expect(page.getByTestId('lobby-title-input')).toBeVisible()
  await expectAccessible(page, 'lobby', testInfo)

  const workshop = await createWorkshop(server.url, 'Barrierefreie Werkstatt', 'quartiersentwicklung')
  await openBoard(page, roleLink(server.url, workshop, 'facilitator'), 'Moderation')
  await createFrameWithNotes(page)
  await expectAccessible(page, 'board-facilitator', testInfo)

  const anna = await (await newParticipant()).newPage()
  await anna.goto(roleLink(server.url, workshop, 'participant'))
  await expect(anna.getByTestId('name-input')).toBeVisible()
  await expectAccessible(anna, 'name-prompt', testInfo)
  await joinAs(anna, 'Anna')
  await expect.poll(async () => (await shapes(anna)).length).toBe(3)
  await expectAccessible(anna, 'board-participant', testInfo)

  // Every pill at once: timer, lock, silent brainstorming.
  await page.getByTestId('timer-start-5').click()
  await page.getByTestId('lock-toggle').click()
  await page.getByTestId('private-start').click()
  for (const pill of ['timer', 'lock-banner', 'private-banner']) await expect(anna.getByTestId(pill)).toBeVisible()
  await expectAccessible(anna, 'board-pills', testInfo)
  await expectAccessible(page, 'board-facilitator-pills', testInfo)
  await anna.screenshot({ path: testInfo.outputPath('pills.png') })
  await page.getByTestId('lock-toggle').click()
  await page.getByTestId('private-reveal').click()
  await page.getByTestId('timer-stop').click()

  // A vote: open (dots on the notes), then closed with its result.
  await page.evaluate(() => {
    ;(window as unknown as A11yTestWindow).quartierboard!.editor.select('shape:ideas')
  })
  await page.getByTestId('vote-start').click()
  await expect(anna.getByTestId('vote-banner')).toBeVisible()
  await anna.locator('[data-testid="vote-badge"][data-shape-id="shape:n1"]').getByTestId('vote-add').click()
  await expectAccessible(anna, 'board-vote-open', testInfo)
  await page.getByTestId('vote-close').click()
  await expect(anna.getByTestId('vote-closed-banner')).toBeVisible()
  await expectAccessible(anna, 'board-vote-closed', testInfo)

  // The template picker by keyboard: focus moves in, Tab stays in, Escape goes back to its button.
  await anna.getByTestId('templates-button').focus()
  await anna.keyboard.press('Enter')
  await expect(anna.getByTestId('templates-panel')).toBeVisible()
  await expect.poll(() => anna.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="templates-panel"]')))).toBe(true)
  await expectAccessible(anna, 'templates-dialog', testInfo)
  const inTemplates = await tabThrough(anna, 12)
  expect(inTemplates.every((id) => id !== 'templates-button'), `focus left the template dialog: ${inTemplates.join(', ')}`).toBe(true)
  expect(await anna.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="templates-panel"]')))).toBe(true)
  await anna.keyboard.press('Escape')
  await expect(anna.getByTestId('templates-panel')).toHaveCount(0)
  await expect(anna.getByTestId('templates-button')).toBeFocused()

  // The export dialog the same way (the facilitator's: participants do not export).
  await page.getByTestId('export-open').focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('export-panel')).toBeVisible()
  await expectAccessible(page, 'export-dialog', testInfo)
  const inExport = await tabThrough(page, 20, true)
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="export-panel"]'))), `focus left the export dialog: ${inExport.join(', ')}`).toBe(true)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('export-panel')).toHaveCount(0)
  await expect(page.getByTestId('export-open')).toBeFocused()

  // The list view, and the facilitator's participant list that marks Anna as on it.
  await anna.getByTestId('view-list').click()
  await expect(anna.getByTestId('list-view')).toBeVisible()
  await expectAccessible(anna, 'list-view', testInfo)
  await expect(page.getByTestId('participant-list-view')).toBeVisible()
  await expectAccessible(page, 'board-facilitator-sees-list-view', testInfo)

  // English.
  await anna.getByTestId('language-switch').selectOption('en')
  await expect(anna.locator('html')).toHaveAttribute('lang', 'en')
  await expectAccessible(anna, 'list-view-en', testInfo)
  await anna.getByTestId('view-canvas').click()
  await expectAccessible(anna, 'board-participant-en', testInfo)
})

test('dashboard with its import panel, a snapshot and the replay pass axe', async ({ page, server }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Werkstatt mit Verlauf', 'klein-mittelstaedte')
  await api(server.url, workshop, 'facilitator', 'POST', '/sessions', { title: 'Erste Runde' })
  await openBoard(page, roleLink(server.url, workshop, 'participant'), 'Paula')
  await createFrameWithNotes(page)
  await expect.poll(async () => (await shapes(page)).length).toBe(3)
  const snapshot = (await (await api(server.url, workshop, 'facilitator', 'POST', '/snapshots', { label: 'Nach Runde 1' })).json()) as { id: string }

  await page.goto(`${server.url}/w/${workshop.id}/dashboard#token=${workshop.tokens.facilitator}`)
  await expect(page.getByTestId('dashboard')).toBeVisible()
  await expect(page.getByTestId('import-panel')).toBeVisible()
  await expectAccessible(page, 'dashboard', testInfo)
  await page.screenshot({ path: testInfo.outputPath('dashboard.png'), fullPage: true })
  await page.getByTestId('export-open').click()
  await expect(page.getByTestId('export-panel')).toBeVisible()
  await expectAccessible(page, 'dashboard-export-dialog', testInfo)

  await page.goto(`${server.url}/w/${workshop.id}/snapshots/${snapshot.id}#token=${workshop.tokens.facilitator}`)
  await expect(page.locator('.tl-canvas')).toBeVisible()
  await expectAccessible(page, 'snapshot-viewer', testInfo)

  await page.goto(roleLink(server.url, workshop, 'reviewer'))
  await expect(page.getByTestId('replay-session')).toBeVisible()
  await expect(page.getByTestId('replay-canvas')).toHaveAttribute('data-pending', 'false')
  await expectAccessible(page, 'replay', testInfo)
  await page.screenshot({ path: testInfo.outputPath('replay.png') })
})

test('a phone passes axe in the list view and on the canvas', async ({ browser, server }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Werkstatt unterwegs', 'zentrenentwicklung')
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  const phone = await context.newPage()
  await phone.goto(roleLink(server.url, workshop, 'participant'))
  await phone.getByTestId('name-input').fill('Lea')
  await phone.getByTestId('name-submit').click()
  await expect(phone.getByTestId('list-view')).toBeVisible()
  await expectAccessible(phone, 'phone-list-view', testInfo)
  await phone.getByTestId('view-canvas').click()
  await expect(phone.locator('.tl-canvas')).toBeVisible()
  await expectAccessible(phone, 'phone-canvas', testInfo)
  await context.close()
})
