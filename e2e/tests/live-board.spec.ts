/**
 * The walking skeleton end to end, in real Chromium against the real server: two participants
 * share a board, see each other's work and cursors, one edits offline and both converge, and the
 * board survives a server restart.
 */
import type { Page, WebSocketRoute } from '@playwright/test'
import { expect, test } from '../support/fixtures.js'
import { expectSaved, openBoard, shapes, waitForCanvas, writeStickyNote } from '../support/board.js'

/** Creates a workshop in the lobby; the creator lands on the dashboard. Returns the participant link. */
async function createWorkshopInLobby(page: Page, serverUrl: string, title: string): Promise<string> {
  await page.goto(serverUrl)
  await page.getByTestId('lobby-title-input').fill(title)
  await page.getByTestId('lobby-create').click()
  await page.waitForURL(/\/w\/[A-Za-z0-9_-]+\/dashboard$/)
  return page.getByTestId('link-participant').locator('input').inputValue()
}

async function drawRectangle(page: Page): Promise<void> {
  await page.keyboard.press('r')
  await page.mouse.move(300, 300)
  await page.mouse.down()
  await page.mouse.move(420, 380, { steps: 8 })
  await page.mouse.move(500, 450, { steps: 8 })
  await page.mouse.up()
  await page.keyboard.press('Escape')
}

test('two participants share a live board that survives offline edits and a server restart', async ({
  page,
  server,
  newParticipant,
}, testInfo) => {
  // The sync socket's URL carries no token or identity secret (a failed socket's URL lands in the console).
  const socketUrls: string[] = []
  page.on('websocket', (socket) => socketUrls.push(socket.url()))
  // Anna creates a workshop in the lobby, lands on its dashboard and opens the board from there.
  const boardUrl = await createWorkshopInLobby(page, server.url, 'Perspektivenwerkstatt Innenstadt')
  await page.getByTestId('dashboard-open-board').click()
  await page.getByTestId('name-input').fill('Anna')
  await page.getByTestId('name-submit').click()
  await waitForCanvas(page)
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  // The first page is named in the user's language, and tldraw's own UI speaks it too.
  expect(await page.evaluate(() => (window as unknown as { quartierboard: { editor: { getCurrentPage(): { name: string } } } }).quartierboard.editor.getCurrentPage().name)).toBe('Seite 1')
  await expect(page.getByRole('button', { name: 'Auswählen' }).first()).toBeVisible()
  expect(socketUrls.length).toBeGreaterThan(0)
  for (const url of socketUrls) expect(url, 'the sync socket URL').not.toMatch(/token=|identity=/)

  // Ben joins with a second browser context; his socket runs through a switchable route.
  const benContext = await newParticipant()
  const ben = await benContext.newPage()
  let benOnline = true
  const benSockets: WebSocketRoute[] = []
  await ben.routeWebSocket(/\/sync\//, (socket) => {
    if (!benOnline) {
      void socket.close({ code: 1006, reason: 'offline' })
      return
    }
    benSockets.push(socket)
    socket.connectToServer()
  })
  await openBoard(ben, boardUrl, 'Ben')

  await drawRectangle(page)
  await writeStickyNote(page, 'Leerstand als Chance für Kultur', 750, 300)
  await expectSaved(page)

  await expect.poll(async () => (await shapes(ben)).map((shape) => shape.type).sort()).toEqual(['geo', 'note'])
  expect((await shapes(ben)).find((shape) => shape.type === 'note')?.text).toBe('Leerstand als Chance für Kultur')

  // Anna's cursor, with her name, is drawn on Ben's canvas.
  await page.mouse.move(640, 560, { steps: 5 })
  await page.mouse.move(660, 580, { steps: 5 })
  await expect(ben.locator('.tl-nametag', { hasText: 'Anna' })).toBeVisible()
  await expect(ben.getByTestId('participant-list')).toContainText('Anna')
  await ben.screenshot({ path: testInfo.outputPath('ben-sees-anna.png') })

  // Ben goes offline and edits; Anna edits meanwhile.
  benOnline = false
  await benContext.setOffline(true)
  for (const socket of benSockets.splice(0)) await socket.close({ code: 1006, reason: 'offline' })
  await expect(ben.getByTestId('save-status')).toHaveAttribute('data-state', 'offline')
  await ben.mouse.click(640, 650) // focus the canvas
  await writeStickyNote(ben, 'Offline notiert', 400, 600)
  await writeStickyNote(page, 'Während Ben offline war', 900, 550)
  await expectSaved(page)
  expect((await shapes(page)).map((shape) => shape.text)).not.toContain('Offline notiert')

  // Ben reloads while the server is still out of reach: his offline edit comes back from IndexedDB.
  await benContext.setOffline(false) // the page itself can load again; its socket stays refused
  await ben.reload()
  await waitForCanvas(ben)
  await expect.poll(async () => (await shapes(ben)).map((shape) => shape.text)).toContain('Offline notiert')
  await expect(ben.getByTestId('save-status')).toHaveAttribute('data-state', 'offline')

  // Ben comes back: both converge.
  benOnline = true
  await expect.poll(async () => (await shapes(page)).map((shape) => shape.text).sort(), { timeout: 20_000 }).toContain('Offline notiert')
  await expect.poll(async () => (await shapes(ben)).map((shape) => shape.text).sort()).toContain('Während Ben offline war')
  await expectSaved(ben)
  expect(await shapes(ben)).toEqual(expect.arrayContaining(await shapes(page)))
  expect((await shapes(ben)).length).toBe((await shapes(page)).length)
  await page.screenshot({ path: testInfo.outputPath('anna-after-merge.png') })

  // The server restarts; Anna's page reconnects on its own, and a newcomer without any local
  // copy (fresh context, empty IndexedDB) loads the whole board from the server.
  const before = (await shapes(page)).map((shape) => shape.id).sort()
  await server.restart()
  await writeStickyNote(page, 'Nach dem Neustart', 300, 650)
  await expectSaved(page)
  const clara = await (await newParticipant()).newPage()
  await openBoard(clara, boardUrl, 'Clara')
  await expect.poll(async () => (await shapes(clara)).length).toBe(before.length + 1)
  expect((await shapes(clara)).map((shape) => shape.id)).toEqual(expect.arrayContaining(before))
  await clara.screenshot({ path: testInfo.outputPath('newcomer-after-restart.png') })
})
