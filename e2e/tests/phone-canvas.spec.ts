/**
 * The board canvas on a phone (360 × 640, touch) and a tablet (768 × 1024, touch), with every overlay
 * of ours showing (header, timer, silent brainstorming and vote pills, "Vorlagen" and "Fertig", the
 * participant list, the follow banner, vote badges): nothing of ours covers another of ours or tldraw's
 * toolbar, page menu, main menu or style panel; all of it fits the screen's width; every control of
 * ours is a 44 px touch target; the participant list leaves the middle of the canvas free (on a phone
 * it folds behind a "Teilnehmende (n)" button).
 */
import type { Page } from '@playwright/test'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop, roleLink } from '../support/workshops.js'
import { openBoard } from '../support/board.js'

interface Box {
  x: number
  y: number
  w: number
  h: number
}

interface Named {
  name: string
  box: Box
}

interface PhoneTestWindow {
  quartierboard?: {
    editor: {
      createShapes(shapes: unknown[]): unknown
      select(id: string): unknown
      zoomToBounds(bounds: Box, options?: { inset?: number }): unknown
      getShapePageBounds(id: string): Box | undefined
    }
  }
}

const rich = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

/** A frame "Ideen" with two notes, made on the facilitator's canvas. */
async function createFrame(page: Page): Promise<void> {
  await page.evaluate((notes) => {
    const editor = (window as unknown as PhoneTestWindow).quartierboard!.editor
    editor.createShapes([
      { id: 'shape:ideas', type: 'frame', x: 100, y: 100, props: { w: 480, h: 500, name: 'Ideen' } },
      { id: 'shape:n1', type: 'note', parentId: 'shape:ideas', x: 20, y: 140, props: { richText: notes[0] } },
      { id: 'shape:n2', type: 'note', parentId: 'shape:ideas', x: 250, y: 140, props: { richText: notes[1] } },
    ])
  }, [rich('Kulturzentrum'), rich('Markthalle')])
}

/** Our overlays, each by a name that says which one it is (a failure names the two that collide). */
const OURS: Array<[string, string]> = [
  ['header', 'header.status-bar'],
  ['timer pill', '[data-testid="timer"]'],
  ['private pill', '[data-testid="private-banner"]'],
  ['vote pill', '[data-testid="vote-banner"]'],
  ['"Vorlagen"', '[data-testid="templates-button"]'],
  ['"Fertig"', '[data-testid="done-toggle"]'],
  ['participants toggle', '[data-testid="participants-toggle"]'],
  ['participant list', '[data-testid="participant-list"]'],
  ['follow banner', '[data-testid="follow-banner"]'],
  ['vote badge', '[data-testid="vote-badge"]'],
]

/** tldraw's own controls that ours must leave free. */
const TLDRAW: Array<[string, string]> = [
  ['tldraw toolbar', '.tlui-main-toolbar__inner'],
  ['tldraw toolbar row', '.tlui-toolbar'],
  ['tldraw main menu', '[data-testid="main-menu.button"]'],
  ['tldraw page menu', '[data-testid="page-menu.button"]'],
  ['tldraw style panel', '.tlui-style-panel'],
  ['tldraw style button', '[data-testid="mobile-styles.button"]'],
  ['tldraw quick actions', '.tlui-menu-zone'],
  ['tldraw navigation', '.tlui-navigation-panel'],
]

/** The boxes of the visible elements matching each selector (several vote badges: numbered). */
function boxes(page: Page, named: Array<[string, string]>): Promise<Named[]> {
  return page.evaluate((list) => {
    const found: Named[] = []
    for (const [name, selector] of list) {
      const elements = Array.from(document.querySelectorAll(selector))
      elements.forEach((element, index) => {
        const rect = element.getBoundingClientRect()
        const style = getComputedStyle(element)
        if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden') return
        found.push({ name: elements.length > 1 ? `${name} ${index + 1}` : name, box: { x: rect.x, y: rect.y, w: rect.width, h: rect.height } })
      })
    }
    return found
  }, named)
}

/** Strictly overlapping boxes (touching edges are fine); half a pixel of slack for subpixel layout. */
const overlaps = (a: Box, b: Box) => a.x + 0.5 < b.x + b.w && b.x + 0.5 < a.x + a.w && a.y + 0.5 < b.y + b.h && b.y + 0.5 < a.y + a.h

function expectApart(first: Named, second: Named): void {
  expect(overlaps(first.box, second.box), `${first.name} ${JSON.stringify(first.box)} covers ${second.name} ${JSON.stringify(second.box)}`).toBe(false)
}

/** Every check of the layout, at the page's current size. */
async function expectTidyLayout(page: Page, width: number, { withBadges }: { withBadges: boolean }): Promise<void> {
  const ours = (await boxes(page, OURS)).filter((item) => withBadges || !item.name.startsWith('vote badge'))
  const theirs = await boxes(page, TLDRAW)
  const names = ours.map((item) => item.name)
  for (const expected of ['header', 'timer pill', 'private pill', 'vote pill', '"Vorlagen"', '"Fertig"']) expect(names).toContain(expected)
  expect(theirs.map((item) => item.name)).toContain('tldraw toolbar')

  // The vote badges sit on their notes; the others must not cover one another.
  for (const [index, first] of ours.entries()) {
    for (const second of ours.slice(index + 1)) {
      if (first.name.startsWith('vote badge') && second.name.startsWith('vote badge')) continue
      expectApart(first, second)
    }
    for (const control of theirs) expectApart(first, control)
  }

  // All of ours within the screen's width, and nothing to scroll sideways.
  for (const item of ours) {
    expect(item.box.x, `${item.name} starts left of the screen`).toBeGreaterThanOrEqual(-0.5)
    expect(item.box.x + item.box.w, `${item.name} ends right of the screen`).toBeLessThanOrEqual(width + 0.5)
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
  expect(await page.evaluate(() => document.body.scrollWidth)).toBeLessThanOrEqual(width)

  // Touch targets: every control of ours, at least 44 × 44 px.
  const controls = await page.evaluate((selectors) => {
    const seen = new Set<Element>()
    const found: Array<{ name: string; w: number; h: number }> = []
    for (const selector of selectors) {
      for (const root of Array.from(document.querySelectorAll(selector))) {
        const candidates = root.matches('button, select, input, a') ? [root] : Array.from(root.querySelectorAll('button, select, input, a'))
        for (const control of candidates) {
          if (seen.has(control)) continue
          seen.add(control)
          const rect = control.getBoundingClientRect()
          if (rect.width === 0 || rect.height === 0) continue
          found.push({ name: control.outerHTML.slice(0, 90), w: rect.width, h: rect.height })
        }
      }
    }
    return found
  }, OURS.map(([, selector]) => selector))
  expect(controls.length).toBeGreaterThan(4)
  for (const control of controls) {
    expect(control.w, `${control.name} is too narrow`).toBeGreaterThanOrEqual(44)
    expect(control.h, `${control.name} is too low`).toBeGreaterThanOrEqual(44)
  }
}

/** The participant list, when it shows, leaves the middle of the canvas free. */
async function expectCanvasMiddleFree(page: Page): Promise<void> {
  const canvas = (await page.locator('.tl-canvas').boundingBox())!
  const middle: Box = { x: canvas.x + canvas.width * 0.3, y: canvas.y + canvas.height * 0.3, w: canvas.width * 0.4, h: canvas.height * 0.4 }
  for (const list of await boxes(page, [['participant list', '[data-testid="participant-list"]']])) {
    expectApart(list, { name: 'the middle of the canvas', box: middle })
  }
}

const devices = [
  // inset: room around the frame when zooming to it, clear of tldraw's style panel on the tablet.
  { label: 'phone', viewport: { width: 360, height: 640 }, folds: true, inset: 40 },
  { label: 'tablet', viewport: { width: 768, height: 1024 }, folds: false, inset: 170 },
]

for (const device of devices) {
  test(`on a ${device.label} (${device.viewport.width} × ${device.viewport.height}) our overlays fit the canvas beside tldraw's controls`, async ({ page, server, newParticipant }, testInfo) => {
    const workshop = await createWorkshop(server.url, 'Quartier am Fluss')
    await openBoard(page, roleLink(server.url, workshop, 'facilitator'), 'Moderation')
    await createFrame(page)
    await page.getByTestId('timer-start-5').click()
    await page.getByTestId('private-start').click()
    await page.evaluate(() => {
      ;(window as unknown as PhoneTestWindow).quartierboard!.editor.select('shape:ideas')
    })
    await page.getByTestId('vote-start').click()

    const context = await newParticipant({ viewport: device.viewport, isMobile: true, hasTouch: true })
    const participant = await context.newPage()
    await participant.goto(roleLink(server.url, workshop, 'participant'))
    await participant.getByTestId('name-input').fill('Paula')
    await participant.getByTestId('name-submit').click()
    await participant.waitForFunction(() => Boolean((window as unknown as PhoneTestWindow).quartierboard?.editor))
    if (device.folds) {
      await expect(participant.getByTestId('list-view')).toBeVisible() // a phone starts on the list
      await participant.getByTestId('view-canvas').click()
    }
    await expect(participant.locator('.tl-canvas')).toBeVisible()
    for (const pill of ['timer', 'private-banner', 'vote-banner']) await expect(participant.getByTestId(pill)).toBeVisible()
    // The notes in the middle of the screen, with their vote badges (badges move with their notes,
    // and like the notes they can lie under any control when the camera puts them there).
    await participant.evaluate((inset) => {
      const editor = (window as unknown as PhoneTestWindow).quartierboard!.editor
      editor.zoomToBounds(editor.getShapePageBounds('shape:ideas')!, { inset })
    }, device.inset)
    await expect(participant.getByTestId('vote-badge')).toHaveCount(2)
    await expect(participant.locator('[data-testid="vote-badge"] [data-testid="vote-add"]').first()).toBeVisible()

    const toggle = participant.getByTestId('participants-toggle')
    if (device.folds) {
      // On a phone the list folds behind a button that says how many are here.
      await expect(toggle).toBeVisible()
      await expect(toggle).toHaveText('Teilnehmende (2)')
      await expect(toggle).toHaveAttribute('aria-expanded', 'false')
      await expect(participant.getByTestId('participant-list')).toBeHidden()
    } else {
      await expect(participant.getByTestId('participant-list')).toBeVisible()
    }
    await expectTidyLayout(participant, device.viewport.width, { withBadges: true })
    await expectCanvasMiddleFree(participant)
    await participant.screenshot({ path: testInfo.outputPath(`canvas-${device.label}.png`) })

    // Follow the facilitator from the list (unfolded on a phone): the follow banner joins the overlays.
    if (device.folds) {
      await toggle.click()
      await expect(toggle).toHaveAttribute('aria-expanded', 'true')
      await expect(participant.getByTestId('participant-list')).toBeVisible()
      await participant.screenshot({ path: testInfo.outputPath(`canvas-${device.label}-participants-open.png`) })
    }
    await participant.locator('[data-testid="participant"][data-name="Moderation"]').getByTestId('participant-follow').click()
    await expect(participant.getByTestId('follow-banner')).toBeVisible()
    if (device.folds) {
      await toggle.click()
      await expect(toggle).toHaveAttribute('aria-expanded', 'false')
      await expect(participant.getByTestId('participant-list')).toBeHidden()
    }
    // Following moves the camera, so the badges may lie anywhere now: the fixed overlays are checked.
    await expectTidyLayout(participant, device.viewport.width, { withBadges: false })
    await expectCanvasMiddleFree(participant)
    await participant.screenshot({ path: testInfo.outputPath(`canvas-${device.label}-following.png`) })
  })
}
