/**
 * The workshop kit in real Chromium against the real server: participants insert templates (in
 * the UI language, in free space, live for everyone), follow each other's viewport from the
 * participant list, and tell the facilitator they are done with a step.
 */
import type { Page } from '@playwright/test'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop } from '../support/workshops.js'
import { openBoard } from '../support/board.js'
import { FIELDS_OF_ACTION, TEMPLATE_LOCALES, WORKSHOP_TEMPLATES, placeTemplate } from '@quartierboard/shared'

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

/** What `legibility` measures of an inserted template, in the browser, in screen pixels. */
interface Legibility {
  zoom: number
  /** Per prompt (text shapes and labelled areas): its font size on screen and the height of its first line box. */
  prompts: Array<{ key: string; screenFontPx: number; lineBoxPx: number }>
  /** "frame → shape" where a frame's title overlaps another shape of the template. */
  titleCollisions: string[]
  /** "text → shape" where a text's measured box overlaps another shape of the template (not its frame). */
  textOverlaps: string[]
}

/** Measures the rendered template `templateId` as it is on screen (run once the camera has settled). */
function legibility(page: Page, templateId: string): Promise<Legibility> {
  return page.evaluate((id) => {
    const editor = (window as unknown as KitTestWindow).quartierboard!.editor as unknown as {
      getCurrentPageShapes(): Array<{ id: string; type: string; parentId: string; meta: Record<string, unknown>; props: Record<string, unknown> }>
      getShapePageBounds(id: string): Box
      getZoomLevel(): number
    }
    const zoom = editor.getZoomLevel()
    const shapes = editor.getCurrentPageShapes().filter((shape) => shape.meta['templateId'] === id && shape.type !== 'arrow')
    const key = (shape: { meta: Record<string, unknown> }) => String(shape.meta['templateKey'])
    const element = (shapeId: string) => document.querySelector(`.tl-shape[data-shape-id="${shapeId}"]`) as HTMLElement
    const intersects = (a: DOMRect | Box, b: DOMRect | Box) => {
      const [ax, ay, aw, ah] = 'w' in a ? [a.x, a.y, a.w, a.h] : [a.x, a.y, a.width, a.height]
      const [bx, by, bw, bh] = 'w' in b ? [b.x, b.y, b.w, b.h] : [b.x, b.y, b.width, b.height]
      return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah
    }
    const textNodes = (root: Element): Text[] => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      const nodes: Text[] = []
      while (walker.nextNode()) nodes.push(walker.currentNode as Text)
      return nodes.filter((node) => node.data.trim() !== '')
    }

    const prompts = shapes
      .filter((shape) => shape.type === 'text' || (shape.type === 'geo' && textNodes(element(shape.id)).length > 0))
      .filter((shape) => key(shape) !== 'title')
      .map((shape) => {
        const text = element(shape.id).querySelector('.tl-rich-text') ?? element(shape.id)
        const first = textNodes(text)[0]!
        const range = document.createRange()
        range.setStart(first, 0)
        range.setEnd(first, 1)
        return {
          key: key(shape),
          screenFontPx: parseFloat(getComputedStyle(first.parentElement!).fontSize) * zoom,
          lineBoxPx: range.getBoundingClientRect().height,
        }
      })

    const inside = (shape: { parentId: string }, frameId: string) => shape.parentId === frameId
    const titleCollisions = shapes
      .filter((frame) => frame.type === 'frame')
      .flatMap((frame) => {
        const title = element(frame.id).querySelector('.tl-frame-heading')!.getBoundingClientRect()
        return shapes
          .filter((other) => other.id !== frame.id && !inside(other, frame.id))
          .filter((other) => intersects(title, element(other.id).getBoundingClientRect()))
          .map((other) => `${key(frame)} → ${key(other)}`)
      })

    const textOverlaps = shapes
      .filter((text) => text.type === 'text')
      .flatMap((text) =>
        shapes
          .filter((other) => other.id !== text.id && other.id !== text.parentId && other.type !== 'frame')
          .filter((other) => intersects(editor.getShapePageBounds(text.id), editor.getShapePageBounds(other.id)))
          .map((other) => `${key(text)} → ${key(other)}`),
      )

    return { zoom, prompts, titleCollisions, textOverlaps }
  }, templateId)
}

/** Words on the notes `noteIds` that the browser wrapped inside themselves (their boxes lie on more than one line). */
function brokenWords(page: Page, noteIds: string[]): Promise<string[]> {
  return page.evaluate((ids) => {
    const broken: string[] = []
    for (const id of ids) {
      const note = document.querySelector(`.tl-shape[data-shape-id="${id}"]`)
      // A note out of view is not drawn, and its words could not be seen breaking.
      if (!note || note.getBoundingClientRect().width === 0) {
        broken.push(`${id} is not drawn`)
        continue
      }
      const walker = document.createTreeWalker(note, NodeFilter.SHOW_TEXT)
      while (walker.nextNode()) {
        const node = walker.currentNode as Text
        // Words, split after hyphens, where a line may break.
        for (const match of node.data.matchAll(/[^\s-]+-?/g)) {
          const range = document.createRange()
          range.setStart(node, match.index)
          range.setEnd(node, match.index + match[0].length)
          const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)))
          if (lines.size > 1) broken.push(match[0])
        }
      }
    }
    return broken
  }, noteIds)
}

/** Resolves once the camera stopped moving (inserting animates it). */
async function cameraSettled(page: Page): Promise<void> {
  const camera = () => page.evaluate(() => JSON.stringify((window as unknown as KitTestWindow).quartierboard!.editor.getCamera()))
  let last = ''
  await expect
    .poll(async () => {
      const now = await camera()
      const same = now === last
      last = now
      return same
    }, { intervals: [200] })
    .toBe(true)
}

test('inserted templates read well: prompts legible, frame titles clear, no word broken on a note', async ({ page, server }) => {
  // Neighbourhood wording: its example note had the longest compound ("Nachbarschaftsprojekte").
  const workshop = await createWorkshop(server.url, 'Quartier West', 'quartiersentwicklung')
  await openBoard(page, boardUrl(server.url, workshop, 'participant'), 'Anna')
  const templateShapes = (templateId: string) =>
    page.evaluate((id) => {
      const editor = (window as unknown as KitTestWindow).quartierboard!.editor as unknown as {
        getCurrentPageShapes(): Array<{ id: string; type: string; meta: Record<string, unknown> }>
      }
      return editor.getCurrentPageShapes().filter((shape) => shape.meta['templateId'] === id).map(({ id, type }) => ({ id, type }))
    }, templateId)

  for (const template of WORKSHOP_TEMPLATES) {
    await page.getByTestId('templates-button').click()
    await page.getByTestId('templates-panel').getByTestId(`template-insert-${template.id}`).click()
    await expect.poll(async () => (await templateShapes(template.id)).length).toBeGreaterThan(0)
    await cameraSettled(page)
    await page.screenshot({ path: `/tmp/templates-${template.id}.png` })

    const measured = await legibility(page, template.id)
    expect(measured.prompts.length, `${template.id} has prompts`).toBeGreaterThan(0)
    for (const prompt of measured.prompts) {
      expect(prompt.screenFontPx, `${template.id}/${prompt.key} font on screen at zoom ${measured.zoom}`).toBeGreaterThanOrEqual(12)
      expect(prompt.lineBoxPx, `${template.id}/${prompt.key} line height on screen`).toBeGreaterThanOrEqual(12)
    }
    expect(measured.titleCollisions, `${template.id}: frame titles touching shapes`).toEqual([])
    expect(measured.textOverlaps, `${template.id}: texts running into other shapes`).toEqual([])
    const notes = (await templateShapes(template.id)).filter((shape) => shape.type === 'note').map((shape) => shape.id)
    expect(await brokenWords(page, notes), `${template.id}: words broken on notes`).toEqual([])
  }

  // Every note of every template in every field's wording and both languages, put as records like
  // inserting does (so tldraw does not shrink the font to fit), side by side on the page.
  const notes = WORKSHOP_TEMPLATES.flatMap((template) =>
    FIELDS_OF_ACTION.flatMap((field) =>
      TEMPLATE_LOCALES.flatMap((locale) =>
        placeTemplate(template, { field, locale, origin: { x: 0, y: 0 }, pageId: 'page:page' as never, createId: () => crypto.randomUUID() })
          .records.filter((record) => record.typeName === 'shape' && record.type === 'note'),
      ),
    ),
  )
  const noteIds = await page.evaluate((records) => {
    const editor = (window as unknown as KitTestWindow).quartierboard!.editor as unknown as {
      getCurrentPageId(): string
      store: { put(records: unknown[]): void }
      zoomToBounds(bounds: Box): void
    }
    const placed = records.map((record, i) => ({ ...record, parentId: editor.getCurrentPageId(), x: 40_000 + (i % 6) * 320, y: Math.floor(i / 6) * 320 }))
    editor.store.put(placed)
    editor.zoomToBounds({ x: 40_000, y: 0, w: 6 * 320, h: Math.ceil(records.length / 6) * 320 })
    return records.map((record) => String(record['id']))
  }, notes as unknown as Array<Record<string, unknown>>)
  await cameraSettled(page)
  await page.screenshot({ path: '/tmp/templates-all-note-wordings.png' })
  expect(await brokenWords(page, noteIds), 'words broken on template notes').toEqual([])
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
  // One stop control, the banner: the list only says whom Ben follows, tldraw's own stop chip is hidden.
  await expect(participantRow(ben, 'Anna').getByTestId('participant-followed')).toHaveText('Gefolgt')
  await expect(participantRow(ben, 'Anna').getByTestId('participant-follow')).toHaveCount(0)
  await expect(ben.getByTestId('helper-buttons.stop-following')).toBeHidden()
  await expect(ben.getByRole('button', { name: /folgen beenden|nicht mehr folgen/i })).toHaveCount(1)
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
  await expect(participantRow(ben, 'Anna').getByTestId('participant-followed')).toHaveCount(0)
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
