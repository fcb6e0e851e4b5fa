/**
 * Export and import in real Chromium: on a board with two frames of sticky notes the facilitator
 * downloads PNG and SVG of the board, a PDF with one page per frame, the frames as zipped PNGs and
 * the board as .tldr; the replay exports the moment shown; a second workshop imports the .tldr
 * through its dashboard and then has the same shapes. Participants are offered no export.
 * A replacing import refuses a file that is no .tldr in German before asking anything, and after
 * the import the dashboard lists the board's backup, "Vor dem Import".
 */
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import zlib from 'node:zlib'
import type { Page } from '@playwright/test'
import { unzipSync } from 'fflate'
import { PDFDocument } from 'pdf-lib'
import { expectSaved, joinAs, openBoard, shapes, waitForCanvas } from '../support/board.js'
import { pdfPageTexts } from '../support/pdf-text.js'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop } from '../support/workshops.js'

const TITLE = 'Fallbeispiel Görlitz'
const DATE = /\d{4}-\d{2}-\d{2}/.source

/** What the test needs of the page's editor (the client's own types are not visible here). */
interface TestWindow {
  quartierboard: { editor: { createShapes(shapes: unknown[]): void; zoomToFit(): void; selectNone(): void } }
}

/** Two frames side by side, each with a sticky note, created through the page's editor. */
async function drawTwoFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const editor = (window as unknown as TestWindow).quartierboard.editor
    const richText = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
    editor.createShapes([
      { id: 'shape:frameAusgangslage', type: 'frame', x: 0, y: 0, props: { w: 600, h: 420, name: 'Ausgangslage' } },
      { id: 'shape:frameZiele', type: 'frame', x: 700, y: 30, props: { w: 600, h: 420, name: 'Ziele' } },
      { id: 'shape:noteLeerstand', type: 'note', parentId: 'shape:frameAusgangslage', x: 60, y: 80, props: { richText: richText('Leerstand am Marktplatz') } },
      { id: 'shape:noteGruen', type: 'note', parentId: 'shape:frameZiele', x: 80, y: 100, props: { color: 'green', richText: richText('Mehr Grün in der Altstadt') } },
      // Outside every frame: the PDF's first page must still show it.
      { id: 'shape:noteOffen', type: 'note', x: 1340, y: 120, props: { color: 'violet', richText: richText('Offene Frage zum Parken') } },
    ])
    editor.selectNone()
    editor.zoomToFit()
  })
}

async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer; path: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])
  const path = await file.path()
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(path), path }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Width and height from the IHDR chunk, and whether the picture has more than a few distinct (filtered) bytes. */
function inspectPng(bytes: Uint8Array): { width: number; height: number; varied: boolean } {
  const buffer = Buffer.from(bytes)
  expect(buffer.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
  expect(buffer.toString('latin1', 12, 16)).toBe('IHDR')
  const idat: Buffer[] = []
  for (let offset = 8; offset < buffer.length; ) {
    const length = buffer.readUInt32BE(offset)
    if (buffer.toString('latin1', offset + 4, offset + 8) === 'IDAT') idat.push(buffer.subarray(offset + 8, offset + 8 + length))
    offset += 12 + length
  }
  const pixels = zlib.inflateSync(Buffer.concat(idat))
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20), varied: new Set(pixels).size > 16 }
}

test('exports a board with frames as PNG, SVG, PDF, zipped frames and .tldr, and imports it into another workshop', async ({ page, server, newParticipant }, testInfo) => {
  test.setTimeout(120_000)
  const a = await createWorkshop(server.url, TITLE)
  await openBoard(page, `${server.url}/w/${a.id}#token=${a.tokens.facilitator}`, 'Mia')
  await drawTwoFrames(page)
  await expectSaved(page)
  const boardA = (await shapes(page)).sort((x, y) => x.id.localeCompare(y.id))
  expect(boardA.map((shape) => shape.type)).toEqual(['frame', 'frame', 'note', 'note', 'note'])

  await page.getByTestId('export-open').click()
  await expect(page.getByTestId('export-panel')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('export-menu.png') })

  // PNG of the whole board at 2x on white: both frames side by side, not blank.
  const png = await download(page, 'export-png')
  expect(png.name).toMatch(new RegExp(`^${TITLE} – Board – ${DATE}\\.png$`))
  const picture = inspectPng(png.bytes)
  expect(picture.width).toBeGreaterThan(2 * 1300 * 0.9)
  expect(picture.width).toBeLessThan(2 * 1300 * 1.3)
  expect(picture.width / picture.height).toBeGreaterThan(2)
  expect(picture.varied).toBe(true)
  await expect(page.getByTestId('export-done')).toContainText(png.name)

  // SVG at 1x, transparent: sized like the board, with the notes' text or their outlines.
  await page.getByTestId('export-scale').selectOption('1')
  await page.getByTestId('export-background').selectOption('transparent')
  const svg = await download(page, 'export-svg')
  expect(svg.name).toMatch(new RegExp(`^${TITLE} – Board – ${DATE}\\.svg$`))
  const svgText = svg.bytes.toString('utf8')
  expect(svgText).toContain('<svg')
  const width = Number(/<svg[^>]*\swidth="([\d.]+)/.exec(svgText)?.[1])
  const height = Number(/<svg[^>]*\sheight="([\d.]+)/.exec(svgText)?.[1])
  expect(width).toBeGreaterThan(1300)
  expect(width).toBeLessThan(1700)
  expect(height).toBeGreaterThan(420)
  expect(svgText).toContain('Leerstand am Marktplatz')

  // PDF: the whole board first (nothing outside the frames is lost), then one page per frame in reading order.
  const pdf = await download(page, 'export-pdf')
  expect(pdf.name).toMatch(new RegExp(`^${TITLE} – ${DATE}\\.pdf$`))
  const document = await PDFDocument.load(pdf.bytes)
  expect(document.getPageCount()).toBe(3)
  const [wholeBoard, ausgangslage, ziele] = await pdfPageTexts(pdf.bytes)
  for (const text of ['Gesamtes Board', 'Leerstand am Marktplatz', 'Mehr Grün in der Altstadt', 'Offene Frage zum Parken']) expect(wholeBoard).toContain(text)
  expect(ausgangslage).toContain('Ausgangslage')
  expect(ausgangslage).toContain('Leerstand am Marktplatz')
  expect(ausgangslage).not.toContain('Mehr Grün')
  expect(ziele).toContain('Ziele')
  // The record, the PDF and (below) the zip list the frames in one order.
  const record = (await (await fetch(`${server.url}/api/workshops/${a.id}/export?format=json`, { headers: { authorization: `Bearer ${a.tokens.facilitator}` } })).json()) as { groups: Array<{ frameId: string | null; title: string }> }
  const frameOrder = record.groups.filter((group) => group.frameId !== null).map((group) => group.title)
  expect(frameOrder).toEqual(['Ausgangslage', 'Ziele'])
  expect([ausgangslage, ziele].map((text) => frameOrder.find((title) => text?.includes(title)))).toEqual(frameOrder)
  expect(ziele).toContain('Mehr Grün in der Altstadt')
  expect(ziele).not.toContain('Offene Frage')
  expect(document.getTitle()).toBe(TITLE)
  fs.writeFileSync(testInfo.outputPath(pdf.name), pdf.bytes)

  // Each frame as its own PNG, zipped.
  await page.getByTestId('export-scope').selectOption('frames')
  await page.getByTestId('export-scale').selectOption('2')
  await page.screenshot({ path: testInfo.outputPath('export-menu-frames.png') })
  const zip = await download(page, 'export-png')
  expect(zip.name).toMatch(new RegExp(`^${TITLE} – Rahmen – ${DATE}\\.zip$`))
  const entries = unzipSync(new Uint8Array(zip.bytes))
  fs.writeFileSync(testInfo.outputPath(zip.name), zip.bytes)
  const names = Object.keys(entries)
  expect(names).toHaveLength(2)
  expect(names[0]).toMatch(new RegExp(`^${TITLE} – Ausgangslage – ${DATE}\\.png$`))
  expect(names[1]).toMatch(new RegExp(`^${TITLE} – Ziele – ${DATE}\\.png$`))
  expect(names.map((name) => frameOrder.find((title) => name.includes(` – ${title} – `)))).toEqual(frameOrder)
  for (const name of names) {
    const frame = inspectPng(entries[name]!)
    expect(frame.width).toBe(1200)
    expect(frame.height).toBe(840 + 72) // the frame's picture, and its title above it
    expect(frame.varied).toBe(true)
  }

  // The selection scope refuses politely when nothing is selected.
  await page.getByTestId('export-scope').selectOption('selection')
  await page.getByTestId('export-png').click()
  await expect(page.getByTestId('export-error')).toContainText('Es ist nichts ausgewählt.')

  // The board as .tldr, from the server.
  const tldr = await download(page, 'export-tldr')
  expect(tldr.name).toMatch(new RegExp(`^${TITLE} – Board – ${DATE}\\.tldr$`))
  const file = JSON.parse(tldr.bytes.toString('utf8')) as { records: Array<{ typeName: string }> }
  expect(file.records.filter((record) => record.typeName === 'shape')).toHaveLength(5)
  const tldrPath = testInfo.outputPath('board-a.tldr')
  fs.writeFileSync(tldrPath, tldr.bytes)

  // The results record as Markdown.
  const markdown = await download(page, 'export-md')
  expect(markdown.name).toMatch(new RegExp(`^${TITLE} – Ergebnisprotokoll – ${DATE}\\.md$`))
  expect(markdown.bytes.toString('utf8')).toContain('Leerstand am Marktplatz')

  // A participant is offered no export.
  const participant = await (await newParticipant()).newPage()
  await openBoard(participant, a.links.participant, 'Paula')
  await expect(participant.getByTestId('role-badge')).toHaveText('Teilnahme')
  await expect(participant.getByTestId('export-open')).toHaveCount(0)

  // The replay exports the moment shown: a PDF of its two frames.
  await page.goto(`${server.url}/w/${a.id}/replay`)
  await waitForCanvas(page)
  await expect(page.getByTestId('replay-canvas')).toHaveAttribute('data-pending', 'false')
  await expect.poll(async () => (await shapes(page)).length).toBe(5)
  await page.getByTestId('export-open').click()
  await expect(page.getByText('Exportiert wird der angezeigte Zeitpunkt.')).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('replay-export-menu.png') })
  const replayPdf = await download(page, 'export-pdf')
  expect((await PDFDocument.load(replayPdf.bytes)).getPageCount()).toBe(3)
  const replayTldr = await download(page, 'export-tldr')
  expect((JSON.parse(replayTldr.bytes.toString('utf8')) as { records: Array<{ typeName: string }> }).records.filter((record) => record.typeName === 'shape')).toHaveLength(5)

  // Workshop B imports A's board through its dashboard, replacing its board.
  const b = await createWorkshop(server.url, 'Leeres Board')
  await page.goto(`${server.url}/w/${b.id}/dashboard#token=${b.tokens.facilitator}`)
  await expect(page.getByTestId('import-panel')).toBeVisible()
  const broken = testInfo.outputPath('broken.tldr')
  fs.writeFileSync(broken, '{"kein": "tldraw"')
  await page.getByTestId('import-file').setInputFiles(broken)
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-error')).toHaveText('Import fehlgeschlagen: Die Datei ist keine .tldr-Datei: ihr Inhalt ist kein lesbares JSON.')

  await page.getByTestId('import-file').setInputFiles(tldrPath)
  await page.getByTestId('import-mode-replace').check()
  page.once('dialog', (dialog) => void dialog.accept())
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-result')).toContainText('5 Formen importiert. Der bisherige Stand ist als Schnappschuss „Vor dem Import“ gesichert.')
  await page.screenshot({ path: testInfo.outputPath('import-panel.png'), fullPage: true })

  await page.getByTestId('dashboard-open-board').click()
  const nameInput = page.getByTestId('name-input')
  await expect(page.locator('.tl-canvas').or(nameInput).first()).toBeVisible()
  if (await nameInput.isVisible()) await joinAs(page, 'Mia')
  await waitForCanvas(page)
  await expect.poll(async () => (await shapes(page)).sort((x, y) => x.id.localeCompare(y.id))).toEqual(boardA)
})

test('a replacing import checks the file before asking, and backs the board up as "Vor dem Import"', async ({ page, server }, testInfo) => {
  const fixtures = new URL('../../shared/fixtures/', import.meta.url)
  const workshop = await createWorkshop(server.url, 'Werkstatt mit Sicherung')
  // The board before the import: a real tldraw 2.0 file, added through the API.
  const seeded = await fetch(`${server.url}/api/workshops/${workshop.id}/import?mode=add-page&locale=de`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${workshop.tokens.facilitator}` },
    body: fs.readFileSync(new URL('tldraw-2.0-workshop.tldr', fixtures), 'utf8'),
  })
  expect(seeded.status).toBe(200)
  const seededShapes = ((await seeded.json()) as { shapes: number }).shapes
  expect(seededShapes).toBeGreaterThan(0)

  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.accept()
  })
  await page.goto(`${server.url}/w/${workshop.id}/dashboard#token=${workshop.tokens.facilitator}`)
  await expect(page.getByTestId('import-panel')).toBeVisible()
  await expect(page.getByTestId('snapshot')).toHaveCount(0)

  // A file that is no .tldr: refused in German, without the "replace everything?" question.
  const garbage = testInfo.outputPath('kaputt.tldr')
  fs.writeFileSync(garbage, 'PK\u0003\u0004 das ist ein ZIP, kein Board')
  await page.getByTestId('import-mode-replace').check()
  await page.getByTestId('import-file').setInputFiles(garbage)
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-error')).toHaveText('Import fehlgeschlagen: Die Datei ist keine .tldr-Datei: ihr Inhalt ist kein lesbares JSON.')
  expect(dialogs).toEqual([])
  await page.getByTestId('import-panel').screenshot({ path: testInfo.outputPath('import-refused.png') })

  // A real tldraw 5.2 file replaces the board, after the question; the backup is listed at once.
  await page.getByTestId('import-file').setInputFiles(fileURLToPath(new URL('tldraw-5.2-desktop-argus.tldr', fixtures)))
  await page.getByTestId('import-run').click()
  await expect(page.getByTestId('import-result')).toContainText('Der bisherige Stand ist als Schnappschuss „Vor dem Import“ gesichert.')
  expect(dialogs).toHaveLength(1)
  expect(dialogs[0]).toContain('„Vor dem Import“')
  const backup = page.getByTestId('snapshot').filter({ hasText: 'Vor dem Import' })
  await expect(backup).toHaveCount(1)
  await page.screenshot({ path: testInfo.outputPath('import-backup-listed.png'), fullPage: true })

  // The backup holds the board as it was before the import.
  const list = (await (await fetch(`${server.url}/api/workshops/${workshop.id}/snapshots`, { headers: { Authorization: `Bearer ${workshop.tokens.facilitator}` } })).json()) as {
    snapshots: Array<{ label: string; shapes: number }>
  }
  expect(list.snapshots.filter((snapshot) => snapshot.label === 'Vor dem Import').map((snapshot) => snapshot.shapes)).toEqual([seededShapes])

  // One click on "Rückgängig" brings the board from before the import back.
  const shapeCount = async () => ((await (await fetch(`${server.url}/api/workshops/${workshop.id}/state`, { headers: { Authorization: `Bearer ${workshop.tokens.facilitator}` } })).json()) as { records: Array<{ typeName: string }> }).records.filter((record) => record.typeName === 'shape').length
  expect(await shapeCount()).not.toBe(seededShapes)
  await page.getByTestId('import-result').getByTestId('undo-button').click()
  await expect(page.getByTestId('undo-notice')).toHaveAttribute('data-state', 'undone')
  await expect.poll(shapeCount).toBe(seededShapes)
  await page.getByTestId('import-panel').screenshot({ path: testInfo.outputPath('import-undone.png') })
})
