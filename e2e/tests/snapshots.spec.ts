/**
 * Snapshots a person can find, in real Chromium: during a session the server takes automatic
 * snapshots (every second here) and the facilitator a named one. The dashboard lists the named one
 * first and the automatic ones behind a closed "N automatische Schnappschüsse" button. Restoring
 * the named snapshot shows a confirmation with "Rückgängig"; one click brings back the board's
 * shape records exactly as they were before the restore. After the session, the final snapshot and
 * both backups come first, newest first, and the disclosure opens and closes by keyboard and
 * mouse. A thumbnail whose file is still on its way says it is loading, not that the board is empty.
 */
import type { Page } from '@playwright/test'
import type { CreateWorkshopResponse, Snapshot } from '@quartierboard/shared'
import { openBoard } from '../support/board.js'
import { expect, test } from '../support/fixtures.js'
import { ServerProcess } from '../support/server-process.js'
import { createWorkshop, roleLink } from '../support/workshops.js'

/** A server of our own whose automatic snapshots come every second (the default is a minute). */
let fast: ServerProcess

test.beforeAll(async () => {
  const before = process.env.SNAPSHOT_INTERVAL_S
  process.env.SNAPSHOT_INTERVAL_S = '1'
  fast = new ServerProcess()
  try {
    await fast.start()
  } finally {
    if (before === undefined) delete process.env.SNAPSHOT_INTERVAL_S
    else process.env.SNAPSHOT_INTERVAL_S = before
  }
})

test.afterAll(async () => {
  await fast.stop('SIGTERM')
})

/** What the test needs of the page's editor. */
interface TestWindow {
  quartierboard: {
    editor: {
      createShapes(shapes: unknown[]): void
      updateShapes(shapes: unknown[]): void
      getCurrentPageShapes(): Array<{ id: string }>
    }
  }
}

async function api<T>(workshop: CreateWorkshopResponse, path: string, method = 'GET', body?: unknown): Promise<T> {
  const response = await fetch(`${fast.url}/api/workshops/${workshop.id}${path}`, {
    method,
    headers: { authorization: `Bearer ${workshop.tokens.facilitator}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  expect(response.ok, `${method} ${path}`).toBe(true)
  return (await response.json()) as T
}

const snapshots = async (workshop: CreateWorkshopResponse) => (await api<{ snapshots: Snapshot[] }>(workshop, '/snapshots')).snapshots
const automaticOf = async (workshop: CreateWorkshopResponse) => (await snapshots(workshop)).filter((snapshot) => snapshot.kind === 'auto' && snapshot.author === 'server')
const automaticCount = async (workshop: CreateWorkshopResponse) => (await automaticOf(workshop)).length

/** Waits for an automatic snapshot newer than the first `count` that holds `shapes` shapes; the new count. */
async function automaticAfter(workshop: CreateWorkshopResponse, count: number, shapes: number): Promise<number> {
  let now = count
  await expect
    .poll(
      async () => {
        const list = await automaticOf(workshop)
        now = list.length
        return list.length > count && list.at(-1)!.shapes === shapes
      },
      { timeout: 15_000 },
    )
    .toBe(true)
  return now
}

/** The board's shape records as the browser's store holds them, sorted by id. */
function shapeRecords(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as TestWindow).quartierboard.editor
      .getCurrentPageShapes()
      .map((shape) => JSON.stringify(shape))
      .sort(),
  )
}

function note(id: string, x: number, text: string, color = 'yellow', y = 100) {
  return { id: `shape:${id}`, type: 'note', x, y, props: { color, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } } }
}

function createShapes(page: Page, shapes: unknown[]): Promise<void> {
  return page.evaluate((list) => {
    ;(window as unknown as TestWindow).quartierboard.editor.createShapes(list)
  }, shapes)
}

function updateShapes(page: Page, partials: unknown[]): Promise<void> {
  return page.evaluate((list) => {
    ;(window as unknown as TestWindow).quartierboard.editor.updateShapes(list)
  }, partials)
}

test('restore, "Rückgängig", and a list where the snapshots that matter come first', async ({ page, server }, testInfo) => {
  server.alsoReachableAt.add(new URL(fast.url).host)
  const workshop = await createWorkshop(fast.url, 'Quartiersrunde Nordstadt')
  await api(workshop, '/sessions', 'POST', { title: 'Perspektivenwerkstatt' })
  await openBoard(page, roleLink(fast.url, workshop, 'facilitator'), 'Moderation')

  // Three edits, each followed by an automatic snapshot; the named one after the first. (Opening
  // the empty board seeds its page, which may bring an automatic snapshot of its own.)
  await createShapes(page, [note('leerstand', 0, 'Leerstand am Markt'), note('gruen', 260, 'Mehr Grün', 'green')])
  let automatic = await automaticAfter(workshop, 0, 2)
  await api(workshop, '/snapshots', 'POST', { label: 'Nach Phase 1' })
  await createShapes(page, [note('parken', 520, 'Parken am Bahnhof', 'violet')])
  automatic = await automaticAfter(workshop, automatic, 3)
  await updateShapes(page, [{ id: 'shape:leerstand', type: 'note', x: 40, y: 400 }])
  automatic = await automaticAfter(workshop, automatic, 3)

  const before = await shapeRecords(page)
  expect(before).toHaveLength(3)

  const dashboard = await page.context().newPage()
  await dashboard.goto(`${fast.url}/w/${workshop.id}/dashboard#token=${workshop.tokens.facilitator}`)
  const session = dashboard.getByTestId('snapshot-group').filter({ hasText: 'Perspektivenwerkstatt' })
  const toggle = session.getByTestId('snapshot-auto-toggle')
  const automaticList = session.getByTestId('snapshot-auto-list')
  await expect(session.getByTestId('snapshot-title')).toHaveText(['Nach Phase 1'])
  await expect(toggle).toHaveAccessibleName(`${automatic} automatische Schnappschüsse`)
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(automaticList).toBeHidden()
  await expect(session.getByTestId('snapshot').first().getByTestId('snapshot-thumbnail')).toHaveAttribute('data-shapes', '2')
  await dashboard.screenshot({ path: testInfo.outputPath('01-list-collapsed.png'), fullPage: true })

  // Restore "Nach Phase 1": the board loses the third note and the move; the confirmation offers undo.
  dashboard.once('dialog', (dialog) => void dialog.accept())
  await session.getByTestId('snapshot').filter({ hasText: 'Nach Phase 1' }).getByTestId('snapshot-restore').click()
  const notice = dashboard.getByTestId('undo-notice')
  await expect(notice).toContainText('Stand wiederhergestellt')
  await expect(notice.getByRole('button', { name: 'Rückgängig' })).toBeVisible()
  await expect.poll(async () => (await shapeRecords(page)).map((record) => (JSON.parse(record) as { id: string }).id).sort()).toEqual(['shape:gruen', 'shape:leerstand'])
  await expect(session.getByTestId('snapshot-title').first()).toHaveText('Vor dem Wiederherstellen')
  await dashboard.screenshot({ path: testInfo.outputPath('02-restored-with-undo.png'), fullPage: true })

  // One click: the board is as it was just before the restore, record for record.
  await notice.getByRole('button', { name: 'Rückgängig' }).click()
  await expect(notice).toHaveAttribute('data-state', 'undone')
  await expect(notice).toHaveText('Rückgängig gemacht: Das Board ist wieder so wie davor.')
  await expect.poll(() => shapeRecords(page)).toEqual(before)
  await dashboard.screenshot({ path: testInfo.outputPath('03-undone.png'), fullPage: true })

  // After the session: final snapshot, both backups and the named one first, newest first.
  const session0 = (await api<{ sessions: Array<{ id: string }> }>(workshop, '/sessions')).sessions[0]!
  await api(workshop, `/sessions/${session0.id}/end`, 'POST')
  automatic = await automaticCount(workshop)
  await dashboard.reload()
  await expect(session.getByTestId('snapshot-title')).toHaveText(['Abschluss', 'Vor dem Rückgängigmachen', 'Vor dem Wiederherstellen', 'Nach Phase 1'])
  await expect(session.locator('[data-testid="snapshot"][data-role="backup"]')).toHaveCount(2)
  await expect(toggle).toHaveAccessibleName(`${automatic} automatische Schnappschüsse`)
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(automaticList).toBeHidden()

  // The disclosure opens and closes with the keyboard (Enter, Space) and the mouse.
  await toggle.focus()
  await dashboard.keyboard.press('Enter')
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await expect(automaticList.getByTestId('snapshot')).toHaveCount(automatic)
  await expect(automaticList.locator('[data-testid="snapshot"]:not([data-role="auto"])')).toHaveCount(0)
  await expect(automaticList.getByTestId('snapshot-thumbnail').first()).toHaveAttribute('data-state', 'ready')
  await dashboard.screenshot({ path: testInfo.outputPath('04-list-open.png'), fullPage: true })
  await dashboard.keyboard.press('Space')
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(automaticList).toBeHidden()
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await expect(automaticList).toBeVisible()
  server.alsoReachableAt.delete(new URL(fast.url).host)
})

test('a thumbnail whose file is still loading says so instead of showing an empty board', async ({ page, server }, testInfo) => {
  server.alsoReachableAt.add(new URL(fast.url).host)
  const workshop = await createWorkshop(fast.url, 'Große Tafel')
  await openBoard(page, roleLink(fast.url, workshop, 'facilitator'), 'Moderation')
  await createShapes(page, Array.from({ length: 40 }, (_, i) => note(`n${i}`, (i % 8) * 220, `Idee ${i + 1}`, 'yellow', Math.floor(i / 8) * 220)))
  await api(workshop, '/snapshots', 'POST', { label: 'Vor der Pause' })

  // Hold the snapshot's file until the test lets it through, as a slow line would.
  let release: () => void = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  const dashboard = await page.context().newPage()
  await dashboard.route(/\/snapshots\/[^/?]+\?format=tldr/, async (route) => {
    await held
    await route.continue()
  })
  await dashboard.goto(`${fast.url}/w/${workshop.id}/dashboard#token=${workshop.tokens.facilitator}`)
  const thumbnail = dashboard.getByTestId('snapshot').filter({ hasText: 'Vor der Pause' }).getByTestId('snapshot-thumbnail')
  await expect(thumbnail).toHaveAttribute('data-state', 'loading')
  await expect(thumbnail).toHaveText('Vorschau wird geladen …')
  await thumbnail.screenshot({ path: testInfo.outputPath('05-thumbnail-loading.png') })
  release()
  await expect(thumbnail).toHaveAttribute('data-state', 'ready')
  await expect(thumbnail).toHaveAttribute('data-shapes', '40')
  await thumbnail.screenshot({ path: testInfo.outputPath('06-thumbnail-ready.png') })
  server.alsoReachableAt.delete(new URL(fast.url).host)
})
