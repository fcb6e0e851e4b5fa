/**
 * The list view ("Listenansicht") in real Chromium against the real server: it and the canvas are
 * one board (a note written in the list lands inside its frame on another browser's canvas, clear
 * of the notes there, and a note drawn on the canvas appears in the list); a participant joins,
 * writes a note, votes and marks "Fertig" with the keyboard alone; a note written in the list during
 * silent brainstorming stays private until the reveal; a phone starts in the list view. The
 * facilitator sees who is on the list view.
 */
import type { Locator, Page } from '@playwright/test'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop, roleLink } from '../support/workshops.js'
import { expectSaved, openBoard } from '../support/board.js'

interface Box {
  x: number
  y: number
  w: number
  h: number
}

interface NoteSummary {
  id: string
  parentId: string
  text: string
  bounds: Box
}

/** What the spec reads and drives through the client's test handle (`window.quartierboard.editor`). */
interface ListTestWindow {
  quartierboard?: {
    editor: {
      getCurrentPageShapes(): Array<{ id: string; type: string; parentId: string }>
      getShapePageBounds(id: string): Box | undefined
      getShapeUtil(shape: unknown): { getText?(shape: unknown): string | undefined }
      createShapes(shapes: unknown[]): unknown
      select(id: string): unknown
    }
  }
}

const rich = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

/** A frame "Ideen" with two notes in its top row, and a frame "Wünsche" to its right, made on the canvas. */
async function createFrames(page: Page): Promise<void> {
  await page.evaluate((notes) => {
    const editor = (window as unknown as ListTestWindow).quartierboard!.editor
    editor.createShapes([
      { id: 'shape:ideas', type: 'frame', x: 100, y: 100, props: { w: 700, h: 500, name: 'Ideen' } },
      { id: 'shape:wishes', type: 'frame', x: 900, y: 100, props: { w: 500, h: 500, name: 'Wünsche' } },
      { id: 'shape:n1', type: 'note', parentId: 'shape:ideas', x: 20, y: 20, props: { richText: notes[0] } },
      { id: 'shape:n2', type: 'note', parentId: 'shape:ideas', x: 240, y: 20, props: { richText: notes[1] } },
    ])
  }, [rich('Kulturzentrum'), rich('Markthalle')])
}

function notes(page: Page): Promise<NoteSummary[]> {
  return page.evaluate(() => {
    const editor = (window as unknown as ListTestWindow).quartierboard!.editor
    return editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === 'note')
      .map((shape) => ({
        id: shape.id,
        parentId: shape.parentId,
        text: editor.getShapeUtil(shape).getText?.(shape) ?? '',
        bounds: editor.getShapePageBounds(shape.id)!,
      }))
  })
}

function frameBounds(page: Page, id: string): Promise<Box> {
  return page.evaluate((frameId) => (window as unknown as ListTestWindow).quartierboard!.editor.getShapePageBounds(frameId)!, id)
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
const inside = (inner: Box, outer: Box) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h

/** Joins from the name prompt and waits for the board's editor (the canvas may be hidden behind the list). */
async function join(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url)
  await page.getByTestId('name-input').fill(name)
  await page.getByTestId('name-submit').click()
  await page.waitForFunction(() => Boolean((window as unknown as ListTestWindow).quartierboard?.editor))
}

function frameSection(page: Page, frameId: string): Locator {
  return page.locator(`[data-testid="list-frame"][data-frame-id="${frameId}"]`)
}

function listItem(page: Page, text: string): Locator {
  return page.getByTestId('list-item').filter({ hasText: text })
}

/** Presses `key` until `target` has the focus (keyboard only: no clicks); fails after `max` presses. */
async function pressUntilFocused(page: Page, key: string, target: Locator, max = 60): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press(key)
  }
  throw new Error(`focus did not reach ${target.toString()} with ${max} × ${key}`)
}

function participantRow(page: Page, name: string): Locator {
  return page.getByTestId('participant-list').locator(`[data-testid="participant"][data-name="${name}"]`)
}

test('the list view and the canvas are one board: edits go both ways, live', async ({ page, server, newParticipant }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Quartier am Fluss')
  await openBoard(page, roleLink(server.url, workshop, 'facilitator'), 'Moderation')
  await createFrames(page)
  const anna = await (await newParticipant()).newPage()
  await join(anna, roleLink(server.url, workshop, 'participant'), 'Anna')
  await expect(anna.getByTestId('view-toggle')).toHaveAttribute('data-view', 'canvas') // a desktop starts on the canvas
  await anna.getByTestId('view-list').click()
  await expect(anna.getByTestId('list-view')).toBeVisible()
  await expect(anna.locator('.tl-canvas')).toBeHidden()

  // Frames as headings in reading order, their notes as list items.
  await expect(anna.getByTestId('list-view').getByRole('heading', { level: 2 })).toHaveText(['Ideen', 'Wünsche', 'Teilnehmende (2)'])
  await expect(frameSection(anna, 'shape:ideas').getByRole('listitem')).toHaveText([/Kulturzentrum/, /Markthalle/])
  await expect(frameSection(anna, 'shape:wishes')).toContainText('Noch nichts in diesem Rahmen.')

  // The facilitator sees that Anna is on the list view.
  await expect(participantRow(page, 'Anna').getByTestId('participant-list-view')).toBeVisible()
  await expect(participantRow(page, 'Moderation').getByTestId('participant-list-view')).toHaveCount(0)

  // A note written in the list lands inside its frame on the canvas, clear of the notes there.
  const ideas = frameSection(anna, 'shape:ideas')
  await ideas.getByTestId('list-add-text').fill('Spielstraße vor der Schule')
  await ideas.getByTestId('list-add').click()
  await expect(anna.getByTestId('list-announcement')).toHaveText('Notiz in „Ideen“ hinzugefügt.')
  await expect(ideas.getByTestId('list-add-text')).toHaveValue('')
  await expect.poll(async () => (await notes(page)).map((note) => note.text)).toContain('Spielstraße vor der Schule')
  const onCanvas = await notes(page)
  const added = onCanvas.find((note) => note.text === 'Spielstraße vor der Schule')!
  expect(added.parentId).toBe('shape:ideas')
  expect(inside(added.bounds, await frameBounds(page, 'shape:ideas'))).toBe(true)
  for (const other of onCanvas.filter((note) => note.id !== added.id)) expect(overlaps(added.bounds, other.bounds)).toBe(false)

  // Written by Anna: she may change and delete it, not the facilitator's notes.
  const mine = anna.locator(`[data-testid="list-item"][data-shape-id="${added.id}"]`) // by id: its text changes below
  await expect(mine).toContainText('von Anna')
  await expect(mine).toHaveAttribute('data-own', 'true')
  await expect(listItem(anna, 'Kulturzentrum').getByTestId('list-edit')).toHaveCount(0)
  await mine.getByTestId('list-edit').click()
  await mine.getByTestId('list-edit-text').fill('Spielstraße vor der Grundschule')
  await mine.getByTestId('list-save').click()
  await expect.poll(async () => (await notes(page)).map((note) => note.text)).toContain('Spielstraße vor der Grundschule')
  await expect(mine).toContainText('Spielstraße vor der Grundschule')
  await expect(mine.getByTestId('list-edit')).toBeFocused() // back where the change began

  // A note drawn on the canvas shows in the list at once, in its frame.
  await page.evaluate((text) => {
    const editor = (window as unknown as ListTestWindow).quartierboard!.editor
    editor.createShapes([{ id: 'shape:canvas-note', type: 'note', parentId: 'shape:wishes', x: 40, y: 40, props: { richText: text } }])
  }, rich('Mehr Bänke am Ufer'))
  await expect(frameSection(anna, 'shape:wishes').getByTestId('list-item')).toHaveText([/Mehr Bänke am Ufer/])

  // Five more notes fill the frame's grid: the frame grows, and no note overlaps another.
  for (const text of ['Bücherschrank', 'Nachbarschaftsgarten', 'Radbügel', 'Trinkbrunnen', 'Sonnensegel']) {
    await ideas.getByTestId('list-add-text').fill(text)
    await ideas.getByTestId('list-add').click()
  }
  await expect.poll(async () => (await notes(page)).filter((note) => note.parentId === 'shape:ideas').length).toBe(8)
  const frame = await frameBounds(page, 'shape:ideas')
  const inIdeas = (await notes(page)).filter((note) => note.parentId === 'shape:ideas')
  for (const note of inIdeas) expect(inside(note.bounds, frame), note.text).toBe(true)
  for (const [index, note] of inIdeas.entries()) {
    for (const other of inIdeas.slice(index + 1)) expect(overlaps(note.bounds, other.bounds), `${note.text} / ${other.text}`).toBe(false)
  }
  await anna.screenshot({ path: testInfo.outputPath('list-view-desktop.png'), fullPage: true })
  await page.screenshot({ path: testInfo.outputPath('canvas-after-list-edits.png') })

  // Deleting her note in the list takes it off the canvas; focus goes to the frame's heading.
  await listItem(anna, 'Sonnensegel').getByTestId('list-delete').click()
  await expect.poll(async () => (await notes(page)).map((note) => note.text)).not.toContain('Sonnensegel')
  await expect(ideas.getByRole('heading', { name: 'Ideen' })).toBeFocused()

  // Back on the canvas: the list's mark goes from the facilitator's participant list.
  await anna.getByTestId('view-canvas').click()
  await expect(anna.locator('.tl-canvas')).toBeVisible()
  await expect(participantRow(page, 'Anna').getByTestId('participant-list-view')).toHaveCount(0)
})

test('keyboard only: join, switch to the list, write a note, vote and mark "Fertig"', async ({ page, server, newParticipant }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Markt und Mitte')
  await openBoard(page, roleLink(server.url, workshop, 'facilitator'), 'Moderation')
  await createFrames(page)
  const ben = await (await newParticipant()).newPage()

  // Join: the name field has the focus; Enter sends it.
  await ben.goto(roleLink(server.url, workshop, 'participant'))
  await expect(ben.getByTestId('name-input')).toBeFocused()
  await ben.keyboard.type('Ben')
  await ben.keyboard.press('Enter')
  await ben.waitForFunction(() => Boolean((window as unknown as ListTestWindow).quartierboard?.editor))

  // To the header's switch (backwards from the canvas, which has the focus) and into the list.
  await pressUntilFocused(ben, 'Shift+Tab', ben.getByTestId('view-list'))
  await ben.keyboard.press('Enter')
  await expect(ben.getByTestId('list-view')).toBeVisible()

  // Write a note into "Ideen".
  const ideas = frameSection(ben, 'shape:ideas')
  await pressUntilFocused(ben, 'Tab', ideas.getByTestId('list-add-text'))
  await ben.keyboard.type('Wochenmarkt am Samstag')
  await ben.keyboard.press('Tab')
  await expect(ideas.getByTestId('list-add')).toBeFocused()
  await ben.keyboard.press('Enter')
  await expect.poll(async () => (await notes(page)).find((note) => note.text === 'Wochenmarkt am Samstag')?.parentId).toBe('shape:ideas')

  // The facilitator opens a vote on the frame; Ben places two dots and takes one back.
  await page.evaluate(() => {
    ;(window as unknown as ListTestWindow).quartierboard!.editor.select('shape:ideas')
  })
  await page.getByTestId('vote-dots').fill('2')
  await page.getByTestId('vote-start').click()
  await expect(ideas.getByTestId('list-vote-open')).toHaveText('Abstimmung läuft: Sie haben noch 2 von 2 Punkten.')
  const market = listItem(ben, 'Markthalle')
  await pressUntilFocused(ben, 'Tab', market.getByTestId('list-dot-add'))
  await ben.keyboard.press('Enter')
  await expect(market.getByTestId('list-my-dots')).toHaveAttribute('data-count', '1')
  await ben.keyboard.press('Enter')
  await expect(market.getByTestId('list-my-dots')).toHaveAttribute('data-count', '2')
  await expect(market.getByTestId('list-dot-add')).toBeDisabled() // no dots left
  await ben.keyboard.press('Tab')
  await expect(market.getByTestId('list-dot-remove')).toBeFocused()
  await ben.keyboard.press('Enter')
  await expect(market.getByTestId('list-my-dots')).toHaveAttribute('data-count', '1')
  await expect(ideas.getByTestId('list-vote-open')).toHaveText('Abstimmung läuft: Sie haben noch 1 von 2 Punkten.')

  // "Fertig", from the keyboard too.
  await pressUntilFocused(ben, 'Shift+Tab', ben.getByTestId('done-toggle'))
  await ben.keyboard.press('Space')
  await expect(ben.getByTestId('done-toggle')).toHaveAttribute('aria-pressed', 'true')
  await expect(participantRow(page, 'Ben').getByTestId('participant-done')).toBeVisible()
  await expect(participantRow(page, 'Ben').getByTestId('participant-list-view')).toBeVisible()

  // The facilitator closes the vote: the list shows the count.
  await page.getByTestId('vote-close').click()
  await expect(market.getByTestId('list-votes')).toHaveAttribute('data-count', '1')
  await expect(listItem(ben, 'Kulturzentrum').getByTestId('list-votes')).toHaveAttribute('data-count', '0')
  await ben.screenshot({ path: testInfo.outputPath('list-view-keyboard.png'), fullPage: true })
})

test('silent brainstorming from the list view: the note stays private until the reveal', async ({ page, server, newParticipant }) => {
  const workshop = await createWorkshop(server.url, 'Leise Ideen')
  await openBoard(page, roleLink(server.url, workshop, 'facilitator'), 'Moderation')
  await createFrames(page)
  const anna = await (await newParticipant()).newPage()
  await join(anna, roleLink(server.url, workshop, 'participant'), 'Anna')
  await anna.getByTestId('view-list').click()

  await page.getByTestId('private-start').click()
  await expect(anna.getByTestId('list-private-hint')).toBeVisible()
  const wishes = frameSection(anna, 'shape:wishes')
  await wishes.getByTestId('list-add-text').fill('Nur ich sehe das')
  await wishes.getByTestId('list-add').click()
  const mine = listItem(anna, 'Nur ich sehe das')
  await expect(mine).toContainText('privat')
  await expect(mine).toHaveClass(/list-item--private/)
  // It is in Anna's store only: the facilitator's board does not get it (only the server keeps it, for the reveal).
  const id = (await mine.getAttribute('data-shape-id'))!
  const item = anna.locator(`[data-testid="list-item"][data-shape-id="${id}"]`) // by id: its text changes below
  await expectSaved(anna)
  expect((await notes(page)).map((note) => note.id)).not.toContain(id)

  // Anna changes it while it is private; the reveal puts the changed note on everyone's board.
  await mine.getByTestId('list-edit').click()
  await item.getByTestId('list-edit-text').fill('Jetzt sehen es alle')
  await item.getByTestId('list-save').click()
  await expect(item).toContainText('Jetzt sehen es alle')
  // The change has reached the server when this browser's outbox of private notes is empty again.
  const outboxEmpty = () => anna.evaluate((key) => localStorage.getItem(key) === null, `quartierboard.private-notes-outbox.${workshop.id}`)
  await expect.poll(outboxEmpty).toBe(true)
  expect((await notes(page)).map((note) => note.id)).not.toContain(id)
  await page.getByTestId('private-reveal').click()
  await expect.poll(async () => (await notes(page)).find((note) => note.id === id)?.text).toBe('Jetzt sehen es alle')
  expect((await notes(page)).find((note) => note.id === id)?.parentId).toBe('shape:wishes')
  await expect(item).not.toHaveClass(/list-item--private/)
  await expect(anna.getByTestId('list-private-hint')).toHaveCount(0)
})

test('a phone (390 × 844) starts in the list view with touch-sized controls, and can switch to the canvas', async ({ page, server, newParticipant }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Stadtteil im Wandel')
  await openBoard(page, roleLink(server.url, workshop, 'facilitator'), 'Moderation')
  await createFrames(page)
  const phone = await (await newParticipant()).newPage()
  await phone.setViewportSize({ width: 390, height: 844 })
  await join(phone, roleLink(server.url, workshop, 'participant'), 'Paula')

  await expect(phone.getByTestId('list-view')).toBeVisible()
  await expect(phone.getByTestId('view-list')).toHaveAttribute('aria-pressed', 'true')
  await expect(phone.locator('.tl-canvas')).toBeHidden()
  await expect(participantRow(page, 'Paula').getByTestId('participant-list-view')).toBeVisible()
  await expect(frameSection(phone, 'shape:ideas').getByTestId('list-item')).toHaveCount(2)
  // Paula has no cursor on the facilitator's canvas while she is on the list (it would stand still).
  const collaborators = () => page.evaluate(() => (window as unknown as { quartierboard: { editor: { getCollaborators(): Array<{ userName: string }> } } }).quartierboard.editor.getCollaborators().map((who) => who.userName))
  await expect.poll(collaborators).not.toContain('Paula')

  // Every control of the list view, and the view switch, is at least 44 px high and wide.
  const controls = phone.locator('[data-testid="list-view"] button:visible, [data-testid="list-view"] textarea:visible, [data-testid="view-toggle"] button')
  expect(await controls.count()).toBeGreaterThan(3)
  for (const control of await controls.all()) {
    const box = (await control.boundingBox())!
    expect(box.height, await control.evaluate((element) => element.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(44)
    expect(box.width).toBeGreaterThanOrEqual(44)
  }
  // The list fits the phone's width: nothing to scroll sideways.
  expect(await phone.getByTestId('list-view').evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true)
  await phone.screenshot({ path: testInfo.outputPath('list-view-phone.png') })

  await frameSection(phone, 'shape:wishes').getByTestId('list-add-text').fill('Schattige Sitzplätze')
  await frameSection(phone, 'shape:wishes').getByTestId('list-add').click()
  await expect.poll(async () => (await notes(page)).find((note) => note.text === 'Schattige Sitzplätze')?.parentId).toBe('shape:wishes')
  await phone.screenshot({ path: testInfo.outputPath('list-view-phone-added.png'), fullPage: true })

  await phone.getByTestId('view-canvas').click()
  await expect(phone.locator('.tl-canvas')).toBeVisible()
  await expect(phone.getByTestId('list-view')).toHaveCount(0)
  await expect(participantRow(page, 'Paula').getByTestId('participant-list-view')).toHaveCount(0)
  await expect.poll(collaborators).toContain('Paula')
  await phone.screenshot({ path: testInfo.outputPath('canvas-phone.png') })
})
