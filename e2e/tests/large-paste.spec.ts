/**
 * Large changes in real Chromium: a paste of 8,000 shapes in one change reaches another browser
 * (the binding sends it in frames under MAX_FRAME_BYTES), also when it was made offline (the answer
 * to the server's sync step 1 goes in pieces too), and a change that cannot fit a frame (one record
 * over 2 MiB) stops the client with a message instead of a reconnect loop.
 */
import type { Page, WebSocketRoute } from '@playwright/test'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop } from '../support/workshops.js'
import { expectSaved, openBoard } from '../support/board.js'

interface EditorHandle {
  run(fn: () => void): void
  createPage(page: object): void
  setCurrentPage(id: string): void
  createShapes(shapes: object[]): void
  store: { allRecords(): Array<{ typeName: string }> }
}

/** Counts the sync sockets a page opens and how many of them closed. */
function watchSyncSockets(page: Page): { opened: number; closed: number } {
  const seen = { opened: 0, closed: 0 }
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/sync')) return
    seen.opened++
    socket.on('close', () => seen.closed++)
  })
  return seen
}

/** Shapes on every page of the page's tldraw store. */
function shapeCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (window as unknown as { quartierboard: { editor: EditorHandle } }).quartierboard.editor.store
        .allRecords()
        .filter((record) => record.typeName === 'shape').length,
  )
}

test('8,000 shapes pasted in one change reach the other browser, with no socket closed', async ({ page, server, newParticipant }) => {
  test.setTimeout(120_000)
  const workshop = await createWorkshop(server.url, 'Große Übernahme')
  const annaSockets = watchSyncSockets(page)
  await openBoard(page, workshop.links.participant, 'Anna')
  const bert = await (await newParticipant()).newPage()
  const bertSockets = watchSyncSockets(bert)
  await openBoard(bert, workshop.links.participant, 'Bert')
  await expectSaved(bert)

  const startedAt = Date.now()
  // A board copied in from elsewhere, spanning two pages, in one store change.
  await pasteBoardOfEightThousandShapes(page)
  expect(await shapeCount(page)).toBe(8000)
  await expect.poll(() => shapeCount(bert), { timeout: 90_000 }).toBe(8000)
  console.info(`8000 shapes reached the second browser in ${Date.now() - startedAt} ms`)
  await expectSaved(page)
  expect(annaSockets).toEqual({ opened: 1, closed: 0 })
  expect(bertSockets).toEqual({ opened: 1, closed: 0 })
})

/** Creates a second page and 4,000 shapes on each page in one store change (tldraw allows 4,000 per page). */
function pasteBoardOfEightThousandShapes(page: Page): Promise<void> {
  return page.evaluate(() => {
    const editor = (window as unknown as { quartierboard: { editor: EditorHandle } }).quartierboard.editor
    const shapesOn = (parentId: string) =>
      Array.from({ length: 4000 }, (_, i) => ({ type: 'geo', parentId, x: (i % 100) * 120, y: Math.floor(i / 100) * 100, props: { w: 100, h: 80 } }))
    editor.run(() => {
      editor.createPage({ id: 'page:copied', name: 'Übernommen' })
      editor.createShapes(shapesOn('page:page'))
      editor.setCurrentPage('page:copied')
      editor.createShapes(shapesOn('page:copied'))
      editor.setCurrentPage('page:page')
    })
  })
}

test('8,000 shapes pasted while offline reach the other browser once the first is back online', async ({ page, server, newParticipant }) => {
  test.setTimeout(120_000)
  const workshop = await createWorkshop(server.url, 'Große Übernahme')
  let online = true
  const sockets: WebSocketRoute[] = []
  await page.routeWebSocket(/\/sync\//, (socket) => {
    if (!online) {
      void socket.close({ code: 1006, reason: 'offline' })
      return
    }
    sockets.push(socket)
    socket.connectToServer()
  })
  await openBoard(page, workshop.links.participant, 'Anna')
  const bert = await (await newParticipant()).newPage()
  await openBoard(bert, workshop.links.participant, 'Bert')
  await expectSaved(page)

  online = false
  for (const socket of sockets.splice(0)) await socket.close({ code: 1006, reason: 'offline' })
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'offline')
  await pasteBoardOfEightThousandShapes(page)
  expect(await shapeCount(page)).toBe(8000)

  online = true
  const backAt = Date.now()
  await expect.poll(() => shapeCount(bert), { timeout: 90_000 }).toBe(8000)
  console.info(`8000 shapes pasted offline reached the second browser ${Date.now() - backAt} ms after going online`)
  await expectSaved(page)
  await expect(page.getByTestId('access-problem')).toHaveCount(0)
})

test('a change too large for one frame stops the client with a message, without reconnecting', async ({ page, server }) => {
  const workshop = await createWorkshop(server.url, 'Große Übernahme')
  const sockets = watchSyncSockets(page)
  await openBoard(page, workshop.links.participant, 'Anna')
  await expectSaved(page)
  // One record of 3 MB (nothing the binding can split): one frame over MAX_FRAME_BYTES (2 MiB).
  await page.evaluate(() => {
    const editor = (window as unknown as { quartierboard: { editor: EditorHandle } }).quartierboard.editor
    editor.createShapes([{ type: 'geo', x: 0, y: 0, meta: { pasted: 'x'.repeat(3_000_000) }, props: { w: 100, h: 80 } }])
  })
  await expect(page.getByTestId('access-problem')).toContainText('zu groß')
  expect(sockets).toEqual({ opened: 1, closed: 1 })
  // y-websocket would retry within 2.5 s; watch three times that long for a new socket.
  await page.waitForTimeout(7500)
  expect(sockets).toEqual({ opened: 1, closed: 1 })
})
