/**
 * The cast and the tools of the workshop rehearsal (tests/rehearsal.spec.ts): people with their
 * own browser context and network link, notes written the way each person writes them, what each
 * browser and the store hold, the server's close codes, and screenshots of every phase for
 * every role.
 */
import { expect, type BrowserContext, type Page, type TestInfo } from '@playwright/test'
import type { NetworkLink } from './network-link.js'
import { waitForCanvas } from './board.js'

export interface Person {
  name: string
  role: 'facilitator' | 'participant' | 'reviewer'
  context: BrowserContext
  page: Page
  link: NetworkLink
  /** The URL this person opens (their link, through their network). */
  url: string
}

/** What these helpers call on the client's test handle (`window.quartierboard.editor`). */
interface EditorHandle {
  createShapes(shapes: unknown[]): unknown
  store: { serialize(scope: 'document'): Record<string, unknown> }
}

/** A sticky note with `text`, created through the editor as a tool would (inside `parentId` if given). */
export async function addNote(page: Page, id: string, text: string, at: { x: number; y: number }, parentId?: string): Promise<void> {
  await page.evaluate(
    ({ id, text, at, parentId }) => {
      const editor = (window as unknown as { quartierboard: { editor: EditorHandle } }).quartierboard.editor
      const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
      editor.createShapes([{ id: `shape:${id}`, type: 'note', x: at.x, y: at.y, ...(parentId ? { parentId } : {}), props: { richText } }])
    },
    { id, text, at, parentId },
  )
}

/**
 * An image dropped onto the board at `at`, as a file from the desktop would be: a small PNG drawn
 * in the page goes through tldraw's external-content path, so our asset store uploads it.
 */
export async function dropImage(page: Page, name: string, at: { x: number; y: number }): Promise<void> {
  await page.evaluate(
    async ({ name, at }) => {
      const editor = (window as unknown as { quartierboard: { editor: { putExternalContent(content: unknown): Promise<void> } } }).quartierboard.editor
      const canvas = new OffscreenCanvas(160, 120)
      const context = canvas.getContext('2d')!
      context.fillStyle = '#2f9e44'
      context.fillRect(0, 0, 160, 120)
      context.fillStyle = '#ffffff'
      context.fillRect(20, 20, 60, 40)
      const blob = await canvas.convertToBlob({ type: 'image/png' })
      await editor.putExternalContent({ type: 'files', files: [new File([blob], name, { type: 'image/png' })], point: at })
    },
    { name, at },
  )
}

/** Images on the board whose asset was uploaded to this server (its URL is one of ours). */
export async function uploadedImages(page: Page): Promise<number> {
  return page.evaluate(() => {
    const editor = (window as unknown as { quartierboard: { editor: { getCurrentPageShapes(): Array<{ type: string; props: { assetId?: string } }>; getAsset(id: string): { props: { src?: string } } | undefined } } }).quartierboard.editor
    return editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === 'image' && shape.props.assetId)
      .filter((shape) => editor.getAsset(shape.props.assetId!)?.props.src?.includes('/assets/')).length
  })
}

/** `count` shapes created in one change, as a board copied in from elsewhere arrives (ids `shape:<prefix>-<n>`). */
export async function pasteShapes(page: Page, prefix: string, count: number, at: { x: number; y: number }): Promise<void> {
  await page.evaluate(
    ({ prefix, count, at }) => {
      const editor = (window as unknown as { quartierboard: { editor: EditorHandle } }).quartierboard.editor
      const shapes = Array.from({ length: count }, (_, i) => ({
        id: `shape:${prefix}-${i}`,
        type: 'geo',
        x: at.x + (i % 50) * 130,
        y: at.y + Math.floor(i / 50) * 90,
        props: { w: 120, h: 80, geo: 'rectangle', richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Übernommen ${i}` }] }] } },
      }))
      editor.createShapes(shapes)
    },
    { prefix, count, at },
  )
}

/** Shapes on the page whose id starts with `shape:<prefix>-`. */
export async function shapesWithPrefix(page: Page, prefix: string): Promise<number> {
  return page.evaluate((prefix) => {
    const editor = (window as unknown as { quartierboard: { editor: { getCurrentPageShapes(): Array<{ id: string }> } } }).quartierboard.editor
    return editor.getCurrentPageShapes().filter((shape) => shape.id.startsWith(`shape:${prefix}-`)).length
  }, prefix)
}

/** Runs `action` on the page's editor (its source is sent to the page). */
export async function withEditor(page: Page, action: string): Promise<void> {
  await page.evaluate((source) => {
    const editor = (window as unknown as { quartierboard: { editor: unknown } }).quartierboard.editor
    new Function('editor', source)(editor)
  }, action)
}

/** The document records this browser's tldraw store holds, by id, in a canonical form. */
export async function documentRecords(page: Page): Promise<Map<string, string>> {
  const records = await page.evaluate(() => {
    const editor = (window as unknown as { quartierboard: { editor: EditorHandle } }).quartierboard.editor
    return Object.values(editor.store.serialize('document'))
  })
  return canonicalById(records.filter(isBoardRecord))
}

/** The same of the store (the board as of now, read from the server's log). */
export async function storedRecords(serverUrl: string, workshopId: string, token: string): Promise<Map<string, string>> {
  const response = await fetch(`${serverUrl}/api/workshops/${workshopId}/state`, { headers: { authorization: `Bearer ${token}` } })
  expect(response.status).toBe(200)
  const body = (await response.json()) as { records: unknown[] }
  return canonicalById(body.records.filter(isBoardRecord))
}

/** Shapes, pages, bindings, assets and the document record: what every copy must hold alike. */
function isBoardRecord(record: unknown): boolean {
  const typeName = (record as { typeName?: string }).typeName
  return typeName === 'shape' || typeName === 'page' || typeName === 'binding' || typeName === 'asset' || typeName === 'document'
}

function canonicalById(records: unknown[]): Map<string, string> {
  return new Map(records.map((record) => [(record as { id: string }).id, canonical(record)]))
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

/** The texts of every note on the page, sorted. */
export async function noteTexts(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const editor = (window as unknown as { quartierboard: { editor: { getCurrentPageShapes(): Array<{ type: string }>; getShapeUtil(shape: unknown): { getText?(shape: unknown): string | undefined } } } }).quartierboard.editor
    return editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === 'note')
      .map((shape) => editor.getShapeUtil(shape).getText?.(shape) ?? '')
  })
  return texts.sort()
}

/** Drops the person's network; resolves with how long their board took to say "Offline" (at most 5 s). */
export async function dropNetwork(person: Person): Promise<number> {
  person.link.drop()
  const droppedAt = Date.now()
  await expect(person.page.getByTestId('save-status'), `${person.name}: "Offline" within 5 s of the drop`).toHaveAttribute('data-state', 'offline', { timeout: 5_000 })
  return Date.now() - droppedAt
}

/** Reloads the page and waits until the board is interactive again. */
export async function reload(person: Person): Promise<void> {
  await person.page.reload()
  await waitForCanvas(person.page)
}

/** Close codes the server gave sync sockets so far (from /metrics), by code. */
export async function closeCodes(serverUrl: string): Promise<Map<number, number>> {
  const text = await (await fetch(`${serverUrl}/metrics`)).text()
  const codes = new Map<number, number>()
  for (const match of text.matchAll(/^qb_sync_sockets_closed_total\{code="(\d+)"\} (\d+)/gm)) codes.set(Number(match[1]), Number(match[2]))
  return codes
}

/** Codes that mean the server refused a client (any other close is a normal end or a restart). */
export function refusals(codes: Map<number, number>): Array<[number, number]> {
  return [...codes].filter(([code, count]) => count > 0 && (code === 1002 || code === 1009 || code === 1011 || (code >= 4000 && code < 5000)))
}

/** A screenshot of every person's page for this phase. */
export async function screenshotAll(people: Person[], phase: string, testInfo: TestInfo): Promise<void> {
  for (const person of people) {
    if (person.page.isClosed()) continue
    await person.page.screenshot({ path: testInfo.outputPath(`${phase}-${person.role}-${person.name}.png`) })
  }
}
