/**
 * The workshop kit in real Chromium against the real server: participants insert templates (in
 * the UI language, in free space, live for everyone), follow each other's viewport from the
 * participant list, and tell the facilitator they are done with a step.
 */
import type { Page } from '@playwright/test'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop } from '../support/workshops.js'
import { openBoard } from '../support/board.js'

interface CreatedWorkshop {
  id: string
  tokens: { facilitator: string; participant: string; reviewer: string }
}

interface Box {
  x: number
  y: number
  w: number
  h: number
}

interface FrameSummary {
  name: string
  bounds: Box
}

/** What the specs read from the client's test handle (`window.quartierboard.editor`). */
interface KitTestWindow {
  quartierboard?: {
    editor: {
      getCurrentPageShapes(): Array<{ id: string; type: string; props: { name?: string } }>
      getShapePageBounds(id: string): Box | undefined
      getViewportPageBounds(): Box
      getCamera(): { x: number; y: number; z: number }
      setCamera(point: { x: number; y: number; z: number }): unknown
      getInstanceState(): { followingUserId: string | null }
      undo(): unknown
      redo(): unknown
    }
  }
}

const CASE_STUDY_FRAMES_DE = ['Ausgangslage', 'Akteure', 'Ansatz / Vorgehen', 'Wirkung', 'Übertragbarkeit', 'Offene Fragen']
const CASE_STUDY_FRAMES_EN = ['Initial situation', 'Actors', 'Approach', 'Impact', 'Transferability', 'Open questions']

function boardUrl(serverUrl: string, workshop: CreatedWorkshop, role: 'facilitator' | 'participant'): string {
  return `${serverUrl}/w/${workshop.id}#token=${workshop.tokens[role]}`
}

function frames(page: Page): Promise<FrameSummary[]> {
  return page.evaluate(() => {
    const editor = (window as unknown as KitTestWindow).quartierboard!.editor
    return editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === 'frame')
      .map((shape) => ({ name: shape.props.name ?? '', bounds: editor.getShapePageBounds(shape.id)! }))
  })
}

async function frameNames(page: Page): Promise<string[]> {
  return (await frames(page)).map((frame) => frame.name).sort()
}

function viewport(page: Page): Promise<Box> {
  return page.evaluate(() => {
    const { x, y, w, h } = (window as unknown as KitTestWindow).quartierboard!.editor.getViewportPageBounds()
    return { x, y, w, h }
  })
}

/** Runs an editor method in the page (its chainable result stays there). */
async function onEditor(page: Page, action: 'undo' | 'redo'): Promise<void> {
  await page.evaluate((name) => {
    ;(window as unknown as KitTestWindow).quartierboard!.editor[name]()
  }, action)
}

async function setCamera(page: Page, camera: { x: number; y: number; z: number }): Promise<void> {
  await page.evaluate((point) => {
    ;(window as unknown as KitTestWindow).quartierboard!.editor.setCamera(point)
  }, camera)
}

function centre(box: Box): { x: number; y: number } {
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 }
}

/** The entry of `name` in the participant list of `page`. */
function participantRow(page: Page, name: string) {
  return page.getByTestId('participant-list').locator(`[data-testid="participant"][data-name="${name}"]`)
}

test('participants insert templates in their language, live for everyone, right of the content', async ({ page, server, newParticipant }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Innenstadt im Wandel', 'zentrenentwicklung')
  await openBoard(page, boardUrl(server.url, workshop, 'participant'), 'Anna')
  const ben = await (await newParticipant()).newPage()
  await openBoard(ben, boardUrl(server.url, workshop, 'participant'), 'Ben')

  // The menu lists the templates in German, the workshop's field chosen.
  await page.getByTestId('templates-button').click()
  const panel = page.getByTestId('templates-panel')
  await expect(panel).toBeVisible()
  await expect(panel.getByTestId('template-case-study-map')).toContainText('Fallbeispiel-Steckbrief')
  await expect(panel.getByTestId('template-case-study-map')).toContainText('Ausgangslage, Akteure, Vorgehen')
  await expect(panel.getByTestId('templates-field')).toHaveValue('zentrenentwicklung')
  await page.screenshot({ path: testInfo.outputPath('template-menu-de.png') })
  await panel.getByTestId('template-insert-case-study-map').click()
  await expect(panel).toBeHidden()

  await expect.poll(() => frameNames(page)).toEqual([...CASE_STUDY_FRAMES_DE].sort())
  await expect.poll(() => frameNames(ben)).toEqual([...CASE_STUDY_FRAMES_DE].sort())

  // The view moved to the template: all of its frames are in the viewport.
  const german = await frames(page)
  const view = await viewport(page)
  for (const { bounds } of german) {
    expect(bounds.x).toBeGreaterThanOrEqual(view.x - 1)
    expect(bounds.x + bounds.w).toBeLessThanOrEqual(view.x + view.w + 1)
  }

  // Inserting was one undo step (and one redo step), for everyone.
  await onEditor(page, 'undo')
  await expect.poll(() => frameNames(page)).toEqual([])
  await expect.poll(() => frameNames(ben)).toEqual([])
  await onEditor(page, 'redo')
  await expect.poll(() => frameNames(ben)).toEqual([...CASE_STUDY_FRAMES_DE].sort())

  // In English, the menu and the inserted template are English; it lands right of the German one.
  await page.getByTestId('language-switch').selectOption('en')
  await page.getByTestId('templates-button').click()
  await expect(panel.getByTestId('template-case-study-map')).toContainText('Case study profile')
  await panel.getByTestId('template-insert-case-study-map').click()
  await expect.poll(async () => (await frames(ben)).length).toBe(12)
  const all = await frames(page)
  const english = all.filter((frame) => CASE_STUDY_FRAMES_EN.includes(frame.name))
  expect(english.map((frame) => frame.name).sort()).toEqual([...CASE_STUDY_FRAMES_EN].sort())
  const germanRight = Math.max(...german.map((frame) => frame.bounds.x + frame.bounds.w))
  expect(Math.min(...english.map((frame) => frame.bounds.x))).toBeGreaterThan(germanRight)
  expect(Math.min(...english.map((frame) => frame.bounds.y))).toBe(Math.min(...german.map((frame) => frame.bounds.y)))
  expect((await frameNames(ben)).filter((name) => CASE_STUDY_FRAMES_EN.includes(name))).toHaveLength(6)
  await page.screenshot({ path: testInfo.outputPath('templates-inserted-en.png') })
  await ben.screenshot({ path: testInfo.outputPath('templates-seen-by-ben.png') })
})

test('a participant follows another one from the participant list', async ({ page, server, newParticipant }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Quartier Nord', 'zentrenentwicklung')
  await openBoard(page, boardUrl(server.url, workshop, 'participant'), 'Anna')
  const ben = await (await newParticipant()).newPage()
  await openBoard(ben, boardUrl(server.url, workshop, 'participant'), 'Ben')

  await expect(participantRow(ben, 'Anna')).toHaveAttribute('data-online', 'true')
  await expect(participantRow(ben, 'Anna')).toContainText('online')
  await participantRow(ben, 'Anna').getByTestId('participant-follow').click()
  await expect(ben.getByTestId('follow-banner')).toContainText('Sie folgen Anna.')
  await expect(participantRow(ben, 'Anna').getByTestId('participant-follow')).toHaveText('Nicht mehr folgen')
  await expect(participantRow(ben, 'Ben')).toContainText('folgt Anna')
  await expect(participantRow(page, 'Ben')).toContainText('folgt Ihnen')

  // Anna moves her view far away; Ben's view goes along.
  const benBefore = centre(await viewport(ben))
  await setCamera(page, { x: -3000, y: -2000, z: 1 })
  const annaCentre = centre(await viewport(page))
  expect(Math.hypot(annaCentre.x - benBefore.x, annaCentre.y - benBefore.y)).toBeGreaterThan(1000)
  await expect
    .poll(async () => {
      const benCentre = centre(await viewport(ben))
      return Math.round(Math.hypot(benCentre.x - annaCentre.x, benCentre.y - annaCentre.y))
    }, { timeout: 15_000 })
    .toBeLessThan(5)
  await ben.screenshot({ path: testInfo.outputPath('ben-follows-anna.png') })

  // Ben stops following from the banner; Anna's next move leaves his view where it is.
  await ben.getByTestId('follow-stop').click()
  await expect(ben.getByTestId('follow-banner')).toBeHidden()
  await expect(participantRow(ben, 'Anna').getByTestId('participant-follow')).toHaveText('Folgen')
  await expect(participantRow(page, 'Ben')).not.toContainText('folgt')
  const benStays = await ben.evaluate(() => (window as unknown as KitTestWindow).quartierboard!.editor.getCamera())
  await setCamera(page, { x: 1500, y: 900, z: 1 })
  await page.waitForTimeout(500)
  expect(await ben.evaluate(() => (window as unknown as KitTestWindow).quartierboard!.editor.getCamera())).toEqual(benStays)

  // Ben leaves: Anna still lists him, greyed as offline.
  await ben.close()
  await expect(participantRow(page, 'Ben')).toHaveAttribute('data-online', 'false')
  await expect(participantRow(page, 'Ben')).toContainText('offline')
  await expect(participantRow(page, 'Ben').getByTestId('participant-follow')).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('anna-sees-ben-offline.png') })
})

test('the facilitator sees who is done with the step', async ({ page, server, newParticipant }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Kleinstadt Süd', 'zentrenentwicklung')
  await openBoard(page, boardUrl(server.url, workshop, 'facilitator'), 'Frida')
  const anna = await (await newParticipant()).newPage()
  await openBoard(anna, boardUrl(server.url, workshop, 'participant'), 'Anna')
  const ben = await (await newParticipant()).newPage()
  await openBoard(ben, boardUrl(server.url, workshop, 'participant'), 'Ben')

  // Facilitators get no done toggle; participants get no counter.
  await expect(page.getByTestId('done-toggle')).toHaveCount(0)
  await expect(anna.getByTestId('done-counter')).toHaveCount(0)
  const counter = page.getByTestId('done-counter')
  await expect(counter).toHaveText('0 von 2 fertig')

  await anna.getByTestId('done-toggle').click()
  await expect(anna.getByTestId('done-toggle')).toHaveAttribute('aria-pressed', 'true')
  await expect(counter).toHaveText('1 von 2 fertig')
  await expect(participantRow(page, 'Anna').getByTestId('participant-done')).toBeVisible()
  await expect(participantRow(page, 'Ben').getByTestId('participant-done')).toHaveCount(0)

  await ben.getByTestId('done-toggle').click()
  await expect(counter).toHaveText('Alle fertig')
  await page.screenshot({ path: testInfo.outputPath('facilitator-all-done.png') })

  // Anna takes it back.
  await anna.getByTestId('done-toggle').click()
  await expect(anna.getByTestId('done-toggle')).toHaveAttribute('aria-pressed', 'false')
  await expect(counter).toHaveText('1 von 2 fertig')
  await expect(participantRow(page, 'Anna').getByTestId('participant-done')).toHaveCount(0)

  // The facilitator starts a new step: every done signal resets.
  const step = await fetch(`${server.url}/api/workshops/${workshop.id}/facilitation/step`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${workshop.tokens.facilitator}` },
    body: JSON.stringify({ title: 'Wirkung sammeln' }),
  })
  expect(step.status).toBe(201)
  await expect(ben.getByTestId('done-toggle')).toHaveAttribute('aria-pressed', 'false')
  await expect(counter).toHaveText('0 von 2 fertig')
  await ben.getByTestId('done-toggle').click()
  await expect(counter).toHaveText('1 von 2 fertig')
  await page.screenshot({ path: testInfo.outputPath('facilitator-new-step.png') })
})
