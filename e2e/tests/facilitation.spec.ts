/**
 * Facilitation tools in real Chromium with three browser contexts (facilitator, two
 * participants): the timer shows the same remaining time everywhere, a dot vote is secret until
 * closed, "bring everyone to me" moves the others' viewports, the lock blocks edits (and the
 * server drops a raw update sent while locked), and private notes are absent from the other
 * browser's store until the reveal. Each of these moments is also said in the board's live region,
 * for those who do not see the canvas.
 */
import type { Page } from '@playwright/test'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { sampleGeoShape, type CreateWorkshopResponse } from '@quartierboard/shared'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop } from '../support/workshops.js'
import { isReadonly, openBoard, shapes } from '../support/board.js'

/** What these tests call on the client's test handle (`window.quartierboard.editor`). */
interface FacilitationTestWindow {
  quartierboard: {
    editor: {
      createShapes(shapes: unknown[]): unknown
      select(id: string): unknown
      setCamera(point: { x: number; y: number; z: number }): unknown
      stopFollowingUser(): unknown
      getViewportPageBounds(): { midX: number; midY: number }
      store: { get(id: string): unknown }
    }
  }
}

function boardLink(serverUrl: string, workshop: CreateWorkshopResponse, role: 'facilitator' | 'participant'): string {
  return `${serverUrl}/w/${workshop.id}#token=${workshop.tokens[role]}`
}

/** A frame with three notes, created through the page's editor. */
async function createFrameWithNotes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const editor = (window as unknown as FacilitationTestWindow).quartierboard.editor
    const text = (value: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: value }] }] })
    editor.createShapes([
      { id: 'shape:frame', type: 'frame', x: 100, y: 100, props: { w: 900, h: 400, name: 'Ideen' } },
      { id: 'shape:n1', type: 'note', parentId: 'shape:frame', x: 40, y: 80, props: { richText: text('Kulturzentrum') } },
      { id: 'shape:n2', type: 'note', parentId: 'shape:frame', x: 320, y: 80, props: { richText: text('Markthalle') } },
      { id: 'shape:n3', type: 'note', parentId: 'shape:frame', x: 600, y: 80, props: { richText: text('Radweg') } },
    ])
  })
}

function remainingMs(page: Page): Promise<number> {
  return page.getByTestId('timer').getAttribute('data-remaining-ms').then(Number)
}

/** The page point at the centre of the viewport (canvases differ in size, so cameras do too). */
function viewportCentre(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const bounds = (window as unknown as FacilitationTestWindow).quartierboard.editor.getViewportPageBounds()
    return { x: Math.round(bounds.midX), y: Math.round(bounds.midY) }
  })
}

test('timer, vote, summon, lock and silent brainstorming across three browsers', async ({ page, server, newParticipant }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Praxiswerkstatt Quartier')
  await openBoard(page, boardLink(server.url, workshop, 'facilitator'), 'Moderation')
  const anna = await (await newParticipant()).newPage()
  await openBoard(anna, boardLink(server.url, workshop, 'participant'), 'Anna')
  const ben = await (await newParticipant()).newPage()
  await openBoard(ben, boardLink(server.url, workshop, 'participant'), 'Ben')
  await createFrameWithNotes(page)
  await expect.poll(async () => (await shapes(ben)).length).toBe(4)

  // Timer: every browser shows the same remaining time (server time, not each clock), labelled,
  // floating over the canvas: the board does not move when it appears.
  const canvasTop = () => anna.locator('.tl-canvas').evaluate((canvas) => canvas.getBoundingClientRect().top)
  const topBefore = await canvasTop()
  await page.getByTestId('timer-start-5').click()
  for (const viewer of [page, anna, ben]) await expect(viewer.getByTestId('timer')).toBeVisible()
  await expect(anna.getByTestId('timer')).toContainText('Restzeit')
  expect(await canvasTop()).toBe(topBefore)
  const [facilitatorLeft, annaLeft, benLeft] = await Promise.all([remainingMs(page), remainingMs(anna), remainingMs(ben)])
  expect(Math.max(facilitatorLeft, annaLeft, benLeft) - Math.min(facilitatorLeft, annaLeft, benLeft)).toBeLessThan(1500)
  expect(annaLeft).toBeGreaterThan(290_000)
  await page.getByTestId('timer-stop').click()
  await expect(anna.getByTestId('timer')).toHaveCount(0)
  // A short timer runs out: the live region says so, without anyone looking.
  const announced = (viewer: Page) => viewer.getByTestId('board-announcer')
  const started = await fetch(`${server.url}/api/workshops/${workshop.id}/facilitation/timer`, {
    method: 'POST',
    headers: { authorization: `Bearer ${workshop.tokens.facilitator}`, 'content-type': 'application/json' },
    body: JSON.stringify({ durationMs: 1500 }),
  })
  expect(started.status).toBe(201)
  await expect(announced(anna)).toHaveText('Die Zeit ist um.', { timeout: 10_000 })
  await page.getByTestId('timer-stop').click()

  // Dot vote on the frame: dots stay secret until closed, then counts show for everyone.
  await page.evaluate(() => {
    ;(window as unknown as FacilitationTestWindow).quartierboard.editor.select('shape:frame')
  })
  await page.getByTestId('vote-dots').fill('2')
  await page.getByTestId('vote-start').click()
  await expect(anna.getByTestId('vote-banner')).toContainText('2')
  await expect(announced(anna)).toHaveText('Eine Punktabstimmung hat begonnen: 2 Punkte pro Person.')
  const annaN2 = anna.locator('[data-testid="vote-badge"][data-shape-id="shape:n2"]')
  await annaN2.getByTestId('vote-add').click()
  await expect(annaN2).toHaveAttribute('data-count', '1')
  await annaN2.getByTestId('vote-add').click()
  await expect(annaN2).toHaveAttribute('data-count', '2')
  await expect(anna.getByTestId('vote-banner')).toContainText('0')
  await annaN2.getByTestId('vote-remove').click() // take one back
  await expect(annaN2).toHaveAttribute('data-count', '1')
  await anna.locator('[data-testid="vote-badge"][data-shape-id="shape:n1"]').getByTestId('vote-add').click()
  await ben.locator('[data-testid="vote-badge"][data-shape-id="shape:n2"]').getByTestId('vote-add').click()
  await expect(ben.locator('[data-testid="vote-badge"][data-shape-id="shape:n2"]')).toHaveAttribute('data-count', '1')
  // Secret: Ben sees only his own dot, nothing of Anna's.
  await expect(ben.locator('[data-testid="vote-badge"][data-shape-id="shape:n1"]')).toHaveAttribute('data-count', '0')
  await page.getByTestId('vote-close').click()
  for (const viewer of [page, anna, ben]) {
    await expect(viewer.locator('[data-testid="vote-badge"][data-shape-id="shape:n2"]')).toHaveAttribute('data-count', '2')
    await expect(viewer.locator('[data-testid="vote-badge"][data-shape-id="shape:n1"]')).toHaveAttribute('data-count', '1')
  }
  await expect(announced(ben)).toContainText('Die Abstimmung ist beendet.')
  await anna.screenshot({ path: testInfo.outputPath('vote-closed.png') })
  // The closed vote's notice can be put away, and stays away after a reload; the counts stay.
  await anna.getByTestId('vote-closed-dismiss').click()
  await expect(anna.getByTestId('vote-closed-banner')).toHaveCount(0)
  await anna.reload()
  await expect(anna.locator('[data-testid="vote-badge"][data-shape-id="shape:n2"]')).toHaveAttribute('data-count', '2')
  await expect(anna.getByTestId('vote-closed-banner')).toHaveCount(0)
  await expect(ben.getByTestId('vote-closed-banner')).toBeVisible()

  // Summon: the others' viewports follow the facilitator's.
  await page.evaluate(() => {
    ;(window as unknown as FacilitationTestWindow).quartierboard.editor.setCamera({ x: -2500, y: -1800, z: 1 })
  })
  await page.getByTestId('summon').click()
  const target = await viewportCentre(page)
  await expect(announced(anna)).toContainText('Moderation holt alle zu sich.')
  await expect(announced(page)).not.toContainText('holt alle')
  for (const follower of [anna, ben]) {
    await expect.poll(async () => Math.abs((await viewportCentre(follower)).x - target.x) + Math.abs((await viewportCentre(follower)).y - target.y)).toBeLessThan(3)
  }
  for (const follower of [anna, ben]) {
    await follower.evaluate(() => {
      ;(window as unknown as FacilitationTestWindow).quartierboard.editor.stopFollowingUser()
    })
  }

  // Lock: everyone read-only; a raw update sent anyway is dropped by the server.
  await page.getByTestId('lock-toggle').click()
  await expect(anna.getByTestId('lock-banner')).toBeVisible()
  await expect.poll(() => isReadonly(anna)).toBe(true)
  await expect(announced(anna)).toHaveText('Das Board ist gesperrt.')
  const raw = await sendRawShapeUpdate(server.url, workshop)
  await page.getByTestId('lock-toggle').click()
  await expect.poll(() => isReadonly(anna)).toBe(false)
  await expect(announced(anna)).toHaveText('Das Board ist wieder freigegeben.')
  // After the unlock, a new edit arrives, but the raw one from the lock never does.
  await anna.evaluate(() => {
    const editor = (window as unknown as FacilitationTestWindow).quartierboard.editor
    editor.createShapes([{ id: 'shape:after-lock', type: 'geo', x: 1200, y: 100, props: { w: 80, h: 80 } }])
  })
  await expect.poll(async () => (await shapes(ben)).map((shape) => shape.id)).toContain('shape:after-lock')
  expect((await shapes(ben)).map((shape) => shape.id)).not.toContain(raw)
  expect((await shapes(page)).map((shape) => shape.id)).not.toContain(raw)

  // Silent brainstorming: Anna's new note stays in her browser until the reveal.
  await page.getByTestId('private-start').click()
  await expect(anna.getByTestId('private-banner')).toBeVisible()
  await expect(announced(anna)).toContainText('Stilles Brainstorming hat begonnen')
  await anna.evaluate(() => {
    const editor = (window as unknown as FacilitationTestWindow).quartierboard.editor
    const text = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Geheime Idee' }] }] }
    editor.createShapes([{ id: 'shape:secret', type: 'note', x: 1200, y: 400, props: { richText: text } }])
  })
  await expect.poll(async () => (await shapes(anna)).map((shape) => shape.text)).toContain('Geheime Idee')
  // Give the sync every chance to leak it: Ben's store must still not have it.
  await anna.evaluate(() => new Promise((resolve) => setTimeout(resolve, 800)))
  const inBensStore = await ben.evaluate(() => Boolean((window as unknown as FacilitationTestWindow).quartierboard.editor.store.get('shape:secret')))
  expect(inBensStore).toBe(false)
  await page.getByTestId('private-reveal').click()
  await expect.poll(async () => (await shapes(ben)).map((shape) => shape.text)).toContain('Geheime Idee')
  await expect(anna.getByTestId('private-banner')).toHaveCount(0)
  await expect(announced(ben)).toHaveText('Die Zettel sind aufgedeckt.')
  await ben.screenshot({ path: testInfo.outputPath('after-reveal.png') })
})

/** Sends a valid shape update over a raw socket with the participant token; returns the shape id. */
async function sendRawShapeUpdate(serverUrl: string, workshop: CreateWorkshopResponse): Promise<string> {
  const id = 'shape:raw-during-lock'
  const doc = new Y.Doc()
  const record = sampleGeoShape('raw-during-lock')
  doc.getArray('records').push([{ key: id, val: record }])
  const update = Y.encodeStateAsUpdate(doc)
  const socket = new WebSocket(`${serverUrl.replace('http', 'ws')}/sync/${workshop.id}?token=${workshop.tokens.participant}`)
  await new Promise((resolve) => socket.once('message', resolve))
  const lengthPrefix: number[] = []
  for (let value = update.length; ; value >>>= 7) {
    if (value > 127) lengthPrefix.push((value & 127) | 128)
    else {
      lengthPrefix.push(value)
      break
    }
  }
  socket.send(new Uint8Array([0, 2, ...lengthPrefix, ...update]))
  await new Promise((resolve) => setTimeout(resolve, 300))
  socket.close()
  return id
}
