/**
 * A reviewer replays a session in real Chromium: a participant writes two sticky notes while the
 * facilitator takes two named snapshots; afterwards the reviewer scrubs the timeline to before and
 * after the first note, sees who changed what, exports that moment, plays the session back at 60x,
 * jumps to a snapshot marker, steps to a change and compares the two snapshots. A second
 * participant moves the first note, so the reviewer who selects it sees Paula as its creator and
 * Rita as its last editor; the list "Wer hat was geschrieben" jumps to a note from the keyboard.
 */
import fs from 'node:fs'
import type { Page } from '@playwright/test'
import type { CreateWorkshopResponse, History, Session, Snapshot } from '@quartierboard/shared'
import { openBoard, shapes, waitForCanvas, writeStickyNote } from '../support/board.js'
import { expect, test } from '../support/fixtures.js'

async function call<T>(base: string, path: string, token: string | null, body?: unknown, expectedStatus = 200): Promise<T> {
  const headers: Record<string, string> = {}
  if (token) headers.Authorization = `Bearer ${token}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const response = await fetch(`${base}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) })
  expect(response.status, `${path} answered ${response.status}`).toBe(expectedStatus)
  return (await response.json()) as T
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The moment the timeline shows (ms), as the time display reports it. */
async function shownTime(page: Page): Promise<number> {
  return Number(await page.getByTestId('replay-time').getAttribute('data-time'))
}

/** Waits until the canvas shows the moment the timeline asks for. */
async function expectCanvasSettled(page: Page): Promise<void> {
  const time = String(await shownTime(page))
  await expect(page.getByTestId('replay-canvas')).toHaveAttribute('data-shown-at', time)
  await expect(page.getByTestId('replay-canvas')).toHaveAttribute('data-pending', 'false')
}

interface EditorWindow {
  quartierboard: {
    editor: {
      getShapePageBounds(id: string): { center: { x: number; y: number } } | undefined
      pageToScreen(point: { x: number; y: number }): { x: number; y: number }
      getSelectedShapeIds(): string[]
      getZoomLevel(): number
      getViewportPageBounds(): { minX: number; minY: number; maxX: number; maxY: number }
    }
  }
}

/** Where a shape's centre is on the screen. */
async function screenCentreOf(page: Page, shapeId: string): Promise<{ x: number; y: number }> {
  return page.evaluate((id) => {
    const editor = (window as unknown as EditorWindow).quartierboard.editor
    return editor.pageToScreen(editor.getShapePageBounds(id)!.center)
  }, shapeId)
}

function selectedIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as EditorWindow).quartierboard.editor.getSelectedShapeIds())
}

/** Whether the shape's centre lies inside the visible part of the page. */
function inView(page: Page, shapeId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const editor = (window as unknown as EditorWindow).quartierboard.editor
    const centre = editor.getShapePageBounds(id)!.center
    const view = editor.getViewportPageBounds()
    return centre.x > view.minX && centre.x < view.maxX && centre.y > view.minY && centre.y < view.maxY
  }, shapeId)
}

/** Drags the slider's thumb to moment `at` with the mouse. */
async function dragSliderTo(page: Page, at: number): Promise<void> {
  const slider = page.getByTestId('replay-slider')
  const from = Number(await slider.getAttribute('data-from'))
  const to = Number(await slider.getAttribute('data-to'))
  const box = (await slider.boundingBox())!
  const thumb = 16 // Chromium's default range thumb; its centre travels width - thumb.
  const xAt = (t: number) => box.x + thumb / 2 + ((t - from) / (to - from)) * (box.width - thumb)
  const y = box.y + box.height / 2
  await page.mouse.move(xAt(await shownTime(page)), y)
  await page.mouse.down()
  await page.mouse.move(xAt(at), y, { steps: 12 })
  await page.mouse.up()
}

test('a reviewer replays a session: scrubbing, attribution, export, playback and compare', async ({ page, server, newParticipant }, testInfo) => {
  // A workshop with a running session.
  const workshop = await call<CreateWorkshopResponse>(server.url, '/api/workshops', null, { title: 'Replay Görlitz' }, 201)
  const { id, tokens, links } = workshop
  const session = await call<Session>(server.url, `/api/workshops/${id}/sessions`, tokens.facilitator, { title: 'Perspektivenwerkstatt' }, 201)
  const sessionStart = Date.parse(session.startedAt)

  // A participant writes a first note at a known time, then a second one between two snapshots.
  const participant = await (await newParticipant()).newPage()
  await openBoard(participant, links.participant, 'Paula')
  await participant.mouse.click(640, 650)
  // Ended sessions replay at one-second resolution: keep the edits seconds apart.
  await sleep(3_000)
  const beforeFirstEdit = Date.now()
  await writeStickyNote(participant, 'Leerstand am Marktplatz', 400, 300)
  await expect(participant.getByTestId('save-status')).toHaveAttribute('data-state', 'saved')
  await expect.poll(async () => (await shapes(participant)).length).toBe(1)
  const afterFirstEdit = Date.now()
  await sleep(3_000)
  const first = await call<Snapshot>(server.url, `/api/workshops/${id}/snapshots`, tokens.facilitator, { label: 'Nach Phase 1' }, 201)
  await sleep(500)
  await writeStickyNote(participant, 'Zweite Idee', 800, 300)
  await expect.poll(async () => (await shapes(participant)).length).toBe(2)
  await expect(participant.getByTestId('save-status')).toHaveAttribute('data-state', 'saved')
  await sleep(500)
  const second = await call<Snapshot>(server.url, `/api/workshops/${id}/snapshots`, tokens.facilitator, { label: 'Nach Phase 2' }, 201)
  // Rita selects Paula's first note and nudges it with the keyboard: she changed it last.
  await sleep(1_200)
  const firstNote = (await shapes(participant)).find((shape) => shape.text === 'Leerstand am Marktplatz')!
  const secondNote = (await shapes(participant)).find((shape) => shape.text === 'Zweite Idee')!
  const rita = await (await newParticipant()).newPage()
  await openBoard(rita, links.participant, 'Rita Wolf')
  await expect.poll(async () => (await shapes(rita)).length).toBe(2)
  const onRitasScreen = await screenCentreOf(rita, firstNote.id)
  await rita.mouse.click(onRitasScreen.x, onRitasScreen.y)
  await expect.poll(() => selectedIds(rita)).toEqual([firstNote.id])
  await rita.keyboard.press('Shift+ArrowRight')
  await expect.poll(async () => (await shapes(rita)).find((shape) => shape.id === firstNote.id)!.x).toBe(firstNote.x + 10)
  await expect(rita.getByTestId('save-status')).toHaveAttribute('data-state', 'saved')
  const afterRitasMove = Date.now()
  await sleep(500)
  await call<Session>(server.url, `/api/workshops/${id}/sessions/${session.id}/end`, tokens.facilitator, {})
  expect(beforeFirstEdit).toBeGreaterThan(sessionStart)

  // The reviewer opens the replay; the token leaves the address bar; the newest session is picked.
  const history = await call<History>(server.url, `/api/workshops/${id}/history?session=${session.id}`, tokens.reviewer)
  expect(history.authors.some((author) => author.name === 'Paula')).toBe(true)
  await page.goto(`${server.url}/w/${id}/replay#token=${tokens.reviewer}`)
  await waitForCanvas(page)
  expect(page.url()).not.toContain('token')
  await expect(page.getByTestId('replay-session')).toHaveValue(session.id)
  await expect(page.getByTestId('replay-marker')).toHaveCount(history.snapshots.length)
  await expectCanvasSettled(page)
  await expect.poll(async () => (await shapes(page)).length).toBe(2)
  expect(await page.evaluate(() => (window as unknown as { quartierboard: { editor: { getInstanceState(): { isReadonly: boolean } } } }).quartierboard.editor.getInstanceState().isReadonly)).toBe(true)
  // It opens readable: both notes in view at a zoom of at least 50 %, not the whole board shrunk.
  await expect.poll(() => page.evaluate(() => (window as unknown as EditorWindow).quartierboard.editor.getZoomLevel())).toBeGreaterThanOrEqual(0.5)
  expect(await inView(page, firstNote.id)).toBe(true)

  // Selecting Paula's first note names its creator and its last editor, with their times.
  await expect(page.getByTestId('replay-written')).toHaveAttribute('data-at', String(await shownTime(page)))
  const onReviewersScreen = await screenCentreOf(page, firstNote.id)
  await page.mouse.click(onReviewersScreen.x, onReviewersScreen.y)
  await expect.poll(() => selectedIds(page)).toEqual([firstNote.id])
  const details = page.getByTestId('replay-details')
  await expect(details).toHaveAttribute('data-shape-id', firstNote.id)
  await expect(details).toContainText('Leerstand am Marktplatz')
  await expect(page.getByTestId('replay-details-created')).toContainText('Paula')
  await expect(page.getByTestId('replay-details-changed')).toContainText('Rita Wolf')
  await expect(page.getByTestId('replay-details-changed').getByTestId('replay-author-tag')).toHaveText('RW')
  const createdAt = Number(await page.getByTestId('replay-details-created').getAttribute('data-at'))
  const changedAt = Number(await page.getByTestId('replay-details-changed').getAttribute('data-at'))
  expect(createdAt).toBeGreaterThanOrEqual(beforeFirstEdit - 1_000)
  expect(createdAt).toBeLessThanOrEqual(afterFirstEdit + 1_000)
  expect(changedAt).toBeGreaterThan(Date.parse(second.createdAt))
  expect(changedAt).toBeLessThanOrEqual(afterRitasMove + 1_000)
  // Berlin time, whatever the browser's zone: the clock text of the creation time.
  const berlin = new Date(createdAt).toLocaleTimeString('de-DE', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Europe/Berlin' })
  await expect(page.getByTestId('replay-details-created')).toContainText(berlin)
  // Rita's outline carries her initials, Paula's second note Paula's.
  await expect(page.locator(`[data-testid="replay-highlights"] g[data-kind="author"][data-shape-id="${firstNote.id}"]`)).toHaveAttribute('data-label', 'RW')
  await page.screenshot({ path: testInfo.outputPath('replay-details.png') })

  // "Wer hat was geschrieben": both notes under Paula; the second entry, by keyboard, selects its note.
  const paulasTexts = page.getByTestId('replay-written-person').filter({ hasText: 'Paula' }).getByTestId('replay-written-entry')
  await expect(paulasTexts).toHaveText(['Leerstand am Marktplatz', 'Zweite Idee'])
  await paulasTexts.nth(1).focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => selectedIds(page)).toEqual([secondNote.id])
  await expect(details).toHaveAttribute('data-shape-id', secondNote.id)
  await expect(page.getByTestId('replay-details-changed')).toContainText('Paula')
  await expect.poll(() => inView(page, secondNote.id)).toBe(true)
  // ... at a readable zoom, not blown up to fill the canvas.
  const zoomAfterJump = await page.evaluate(() => (window as unknown as EditorWindow).quartierboard.editor.getZoomLevel())
  expect(zoomAfterJump).toBeGreaterThanOrEqual(0.5)
  expect(zoomAfterJump).toBeLessThanOrEqual(1)
  await page.screenshot({ path: testInfo.outputPath('replay-written.png') })

  // Before the first edit: no note.
  const beforeTarget = Math.max(Date.parse(history.from) + 100, beforeFirstEdit - 1_500)
  await dragSliderTo(page, beforeTarget)
  await expect.poll(() => shownTime(page)).toBeLessThan(beforeFirstEdit)
  await expectCanvasSettled(page)
  await expect.poll(async () => (await shapes(page)).length).toBe(0)

  // After it: the note is there, outlined in Paula's colour, and Paula is listed as active.
  await dragSliderTo(page, afterFirstEdit + 1_000)
  await expect.poll(() => shownTime(page)).toBeGreaterThan(afterFirstEdit)
  expect(await shownTime(page)).toBeLessThan(Date.parse(first.createdAt))
  await expectCanvasSettled(page)
  await expect.poll(async () => (await shapes(page)).map((shape) => shape.text)).toEqual(['Leerstand am Marktplatz'])
  await expect(page.getByTestId('replay-attribution')).toHaveAttribute('data-at', String(await shownTime(page)))
  await expect(page.getByTestId('replay-author').filter({ hasText: 'Paula' })).toBeVisible()
  await expect(page.locator('[data-testid="replay-highlights"] g[data-kind="author"]')).toHaveCount(1)
  await page.screenshot({ path: testInfo.outputPath('replay.png') })

  // Export of this moment: a .tldr file with one shape.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('replay-export').click()])
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { records: Array<{ typeName: string }> }
  expect(exported.records.filter((record) => record.typeName === 'shape')).toHaveLength(1)

  // Playback at 60x moves time forward and stops at the end with both notes.
  await page.getByTestId('replay-speed-60').click()
  await expect(page.getByTestId('replay-speed-60')).toHaveAttribute('aria-pressed', 'true')
  const startedAt = await shownTime(page)
  await page.getByTestId('replay-play').click()
  await expect.poll(() => shownTime(page)).toBeGreaterThan(startedAt)
  await expect(page.getByTestId('replay-play')).toHaveAttribute('data-playing', 'false')
  expect(await shownTime(page)).toBe(Date.parse(history.to))
  await expectCanvasSettled(page)
  await expect.poll(async () => (await shapes(page)).length).toBe(2)

  // A snapshot marker jumps to its moment.
  await page.locator(`[data-testid="replay-marker"][data-snapshot-id="${first.id}"]`).click()
  await expect.poll(() => shownTime(page)).toBe(Date.parse(first.createdAt))
  await expectCanvasSettled(page)
  await expect.poll(async () => (await shapes(page)).map((shape) => shape.text)).toEqual(['Leerstand am Marktplatz'])

  // Stepping to the next change leaves the snapshot's moment for a later one.
  await page.getByTestId('replay-step-next').click()
  await expect.poll(() => shownTime(page)).toBeGreaterThan(Date.parse(first.createdAt))
  await expectCanvasSettled(page)

  // Comparing the two snapshots: one note added, nothing removed or changed.
  await page.getByTestId('compare-a-snapshot').selectOption(first.id)
  await page.getByTestId('compare-b-snapshot').selectOption(second.id)
  await expect(page.getByTestId('compare-added')).toHaveText('1')
  await expect(page.getByTestId('compare-removed')).toHaveText('0')
  await expect(page.getByTestId('compare-changed')).toHaveText('0')
  await page.getByTestId('compare-show-b').click()
  await expect.poll(() => shownTime(page)).toBe(Date.parse(second.createdAt))
  await expectCanvasSettled(page)
  await expect(page.locator('[data-testid="replay-highlights"] g[data-kind="added"]')).toHaveCount(1)
  // While comparing, only the diff's outlines show: none of the authors' on top.
  await expect(page.locator('[data-testid="replay-highlights"] g[data-kind="author"]')).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('replay-compare.png') })

  // English works too.
  await page.getByTestId('language-switch').selectOption('en')
  await expect(page.getByTestId('replay-play')).toContainText('Play')
})
