/**
 * The offline app shell (client/src/offline/), in real Chromium against the real server: a board
 * opened before opens again after a reload without network, from the service worker's precache and
 * IndexedDB, editable, with status "Offline"; its offline notes reach the others once it is back.
 * And a new release: the waiting service worker shows "Neue Version verfügbar – neu laden" and
 * activates only on that click, which reloads onto the new version.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop } from '../support/workshops.js'
import { expectSaved, openBoard, shapes, waitForCanvas, writeStickyNote } from '../support/board.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
/** The client folder the fixture's server serves unless told otherwise (as server/src/config.ts resolves it). */
const SERVED_CLIENT_DIR = path.resolve(process.env.CLIENT_DIR ?? path.join(ROOT, 'client/dist'))

/** Resolves once a service worker controls the page (its precache is complete by then). */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated')
}

async function noteTexts(page: Page): Promise<string[]> {
  return (await shapes(page))
    .filter((shape) => shape.type === 'note')
    .map((shape) => shape.text)
    .sort()
}

/** Every URL in the page's Cache Storage (what the service worker keeps). */
function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const urls: string[] = []
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url)
    }
    return urls
  })
}

test('a board opened before opens offline after a reload, editable, and its offline notes reach the others', async ({
  page,
  context,
  server,
  newParticipant,
}, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Offline-Probe')
  await openBoard(page, workshop.links.participant, 'Anna')
  await waitForServiceWorker(page)
  await writeStickyNote(page, 'Vor dem Ausfall', 400, 300)
  await expectSaved(page)
  await expect(page.getByTestId('update-reload'), 'the first version is no update').toHaveCount(0)

  const ben = await (await newParticipant()).newPage()
  await openBoard(ben, workshop.links.participant, 'Ben')
  await expect.poll(() => noteTexts(ben)).toEqual(['Vor dem Ausfall'])

  // What the service worker keeps: the app shell and tldraw's files, never an API answer or a token.
  const cached = await cachedUrls(page)
  expect(cached.some((url) => new URL(url).pathname === '/index.html')).toBe(true)
  for (const url of cached) {
    const { pathname, search } = new URL(url)
    expect(pathname, url).toMatch(/^\/(index\.html|assets\/[^/]+)$/)
    expect(search, url).not.toMatch(/token/i)
  }

  // Offline, reload: the shell comes from the service worker, the board from IndexedDB.
  const failedWhileOffline: string[] = []
  page.on('requestfailed', (request) => failedWhileOffline.push(new URL(request.url()).pathname))
  await context.setOffline(true)
  const offlineLoad = await page.reload()
  expect(offlineLoad?.fromServiceWorker(), 'the page came from the service worker').toBe(true)
  await waitForCanvas(page)
  await expect.poll(() => noteTexts(page)).toEqual(['Vor dem Ausfall'])
  const status = page.getByTestId('save-status')
  await expect(status).toHaveAttribute('data-state', 'offline')
  await expect(status).toContainText('Offline')
  await page.screenshot({ path: testInfo.outputPath('offline-after-reload.png') })

  // Still editable offline; the new note survives a second offline reload.
  await page.mouse.click(640, 650) // focus the canvas
  await writeStickyNote(page, 'Offline notiert', 750, 300)
  await expect.poll(() => noteTexts(page)).toEqual(['Offline notiert', 'Vor dem Ausfall'])
  expect((await page.reload())?.fromServiceWorker()).toBe(true)
  await waitForCanvas(page)
  await expect.poll(() => noteTexts(page)).toEqual(['Offline notiert', 'Vor dem Ausfall'])
  await expect(status).toHaveAttribute('data-state', 'offline')
  await page.screenshot({ path: testInfo.outputPath('offline-second-reload.png') })
  // Only what needs the server failed (the API, the socket); every file the board draws with was there.
  expect(failedWhileOffline.filter((pathname) => !/^\/(api|sync)\//.test(pathname))).toEqual([])

  // Back online: the offline note reaches Ben, and Anna's copy is stored.
  await context.setOffline(false)
  await expectSaved(page)
  await expect.poll(() => noteTexts(ben)).toEqual(['Offline notiert', 'Vor dem Ausfall'])
  await ben.screenshot({ path: testInfo.outputPath('ben-sees-offline-note.png') })
})

/**
 * A copy of the served client as its next release: index.html carries a marker, and the service
 * worker's precache manifest carries that file's new revision (an MD5 of its content, as the build
 * writes it), so the service worker's bytes change exactly as after a rebuild that changed the page.
 */
function nextRelease(marker: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-next-release-'))
  fs.cpSync(SERVED_CLIENT_DIR, dir, { recursive: true })
  const md5 = (text: string) => createHash('md5').update(text).digest('hex')
  const indexFile = path.join(dir, 'index.html')
  const index = fs.readFileSync(indexFile, 'utf8')
  const nextIndex = index.replace('<head>', `<head>\n    <meta name="quartierboard-release" content="${marker}" />`)
  fs.writeFileSync(indexFile, nextIndex)
  const swFile = path.join(dir, 'sw.js')
  const sw = fs.readFileSync(swFile, 'utf8')
  expect(sw.split(md5(index)).length - 1, 'the revision of index.html in sw.js').toBe(1)
  fs.writeFileSync(swFile, sw.replace(md5(index), md5(nextIndex)))
  return dir
}

function releaseMarker(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('meta[name="quartierboard-release"]')?.getAttribute('content') ?? null)
}

test('a new release waits for "Neue Version verfügbar – neu laden" and that click reloads onto it', async ({ page, context, server }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Update-Probe')
  await openBoard(page, workshop.links.participant, 'Anna')
  await waitForServiceWorker(page)
  await writeStickyNote(page, 'Vor dem Update', 400, 300)
  await expectSaved(page)
  expect(await releaseMarker(page)).toBeNull()

  const next = nextRelease('e2e-next')
  try {
    server.clientDir = next
    await server.restart()
    await expectSaved(page)
    await page.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true))
    // A tab that comes back online asks the server for the service worker (as it does every
    // UPDATE_CHECK_INTERVAL_MS): a short drop finds the new release.
    await context.setOffline(true)
    await context.setOffline(false)

    const prompt = page.getByTestId('update-reload')
    await expect(prompt).toBeVisible()
    await expect(prompt).toHaveText('Neue Version verfügbar – neu laden')
    // Nothing activated under the open board: the new version waits, the page was not reloaded.
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting))).toBe(true)
    expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true)
    await page.screenshot({ path: testInfo.outputPath('update-prompt.png') })
    await page.getByTestId('language-switch').selectOption('en')
    await expect(prompt).toHaveText('New version available – reload')
    await page.getByTestId('language-switch').selectOption('de')

    // A second tab opened now gets the new index.html from the server (navigations go to the
    // network first, the old precache does not answer them) and is offered the waiting worker too.
    const second = await context.newPage()
    await second.goto(workshop.links.participant)
    await waitForCanvas(second)
    expect(await releaseMarker(second)).toBe('e2e-next')
    await expect(second.getByTestId('update-reload')).toBeVisible()
    await second.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true))

    // The click activates the new version and reloads onto it; the board and its note are there.
    await Promise.all([page.waitForEvent('load'), prompt.click()])
    await waitForCanvas(page)
    expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBeUndefined()
    expect(await releaseMarker(page)).toBe('e2e-next')
    await expect(prompt).toBeHidden()
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting))).toBe(false)
    await expect.poll(() => noteTexts(page)).toEqual(['Vor dem Update'])
    // The other tab was not reloaded under its person; its button stays and now only reloads.
    await expect(second.getByTestId('update-reload')).toBeVisible()
    expect(await second.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true)
    await Promise.all([second.waitForEvent('load'), second.getByTestId('update-reload').click()])
    await waitForCanvas(second)
    await expect(second.getByTestId('update-reload')).toBeHidden()
    await second.close()

    // The new version's precache is the one in charge: offline, the new page comes up.
    await context.setOffline(true)
    expect((await page.reload())?.fromServiceWorker()).toBe(true)
    await waitForCanvas(page)
    expect(await releaseMarker(page)).toBe('e2e-next')
    await page.screenshot({ path: testInfo.outputPath('after-update-offline.png') })
    await context.setOffline(false)
  } finally {
    server.clientDir = null
    await server.restart()
    fs.rmSync(next, { recursive: true, force: true })
  }
})
