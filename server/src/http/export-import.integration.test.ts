/**
 * Export and import on a real server: the results record as Markdown, CSV and JSON with authors'
 * names, a past moment, .tldr round trips between workshops (replace and add-page), real tldraw
 * files of older versions, and files that must be refused without changing the board.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import { createBoardSchema, type ImportResponse } from '@quartierboard/shared'
import { documentRecords, writeRecords } from '../testing/records.js'
import { connectPerson, issueIdentity } from '../testing/identities.js'
import { as, connectProvider, createWorkshop, startTestServer, whenStored, whenSynced, type CreatedWorkshop, type RunningServer } from '../testing/test-server.js'

const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures')
const schema = createBoardSchema()
let running: RunningServer

beforeAll(async () => {
  running = await startTestServer()
})
afterAll(async () => {
  await running.server.close()
})

function frame(id: string, x: number, y: number, name: string): TLRecord {
  return schema.types.shape.create({ id: `shape:${id}`, type: 'frame', parentId: 'page:page', index: 'a1', x, y, props: { w: 600, h: 400, name, color: 'black' } } as never)
}

function note(id: string, parent: string, x: number, y: number, text: string): TLRecord {
  return schema.types.shape.create({
    id: `shape:${id}`,
    type: 'note',
    parentId: parent,
    index: 'a1',
    x,
    y,
    props: {
      color: 'yellow', labelColor: 'black', size: 'm', font: 'draw', fontSizeAdjustment: 0, align: 'middle', verticalAlign: 'middle',
      growY: 0, url: '', scale: 1, textLastEditedBy: null, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    },
  } as never)
}

async function exportAs(workshop: CreatedWorkshop, query: string): Promise<Response> {
  return fetch(`${running.httpUrl}/api/workshops/${workshop.id}/export?${query}`, { headers: as(workshop, 'facilitator') })
}

async function importInto(workshop: CreatedWorkshop, body: string, mode = 'replace', role: 'facilitator' | 'participant' = 'facilitator'): Promise<Response> {
  return fetch(`${running.httpUrl}/api/workshops/${workshop.id}/import?mode=${mode}`, { method: 'POST', headers: as(workshop, role), body })
}

async function boardRecords(workshop: CreatedWorkshop): Promise<TLRecord[]> {
  const file = (await (await exportAs(workshop, 'format=tldr')).json()) as { records: TLRecord[] }
  return file.records.sort((a, b) => a.id.localeCompare(b.id))
}

/** A workshop whose board has a frame with two notes by "Alice" and one note outside. */
async function seededWorkshop(): Promise<CreatedWorkshop> {
  const workshop = await createWorkshop(running.httpUrl, 'Fallbeispiel Görlitz')
  const identity = await issueIdentity(running.httpUrl, workshop)
  const alice = connectPerson(running.wsUrl, workshop, identity)
  await whenSynced(alice)
  alice.awareness.setLocalStateField('user', { id: `user:${identity.id}`, name: 'Alice', color: '#e03131' })
  writeRecords(alice.doc, [
    ...documentRecords(),
    frame('f1', 0, 0, 'Ausgangslage'),
    note('n1', 'shape:f1', 20, 40, 'Leerstand am Markt'),
    note('n2', 'shape:f1', 260, 40, '=HYPERLINK("x") & <b>Kultur</b>'),
    note('n3', 'page:page', 900, 0, 'Offene Frage'),
  ])
  await whenStored(alice)
  alice.destroy()
  return workshop
}

describe('results record', () => {
  it('is served as Markdown, CSV and JSON with frames, notes and their authors', async () => {
    const workshop = await seededWorkshop()
    const markdown = await exportAs(workshop, 'format=md')
    expect(markdown.headers.get('content-type')).toContain('text/markdown')
    expect(markdown.headers.get('content-disposition')).toContain('Ergebnisprotokoll')
    const text = await markdown.text()
    expect(text).toContain('Fallbeispiel Görlitz')
    expect(text).toContain('Ausgangslage')
    expect(text).toContain('Leerstand am Markt')
    expect(text).toContain('Alice')
    expect(text).toContain('& &lt;b>Kultur&lt;/b>') // user text cannot inject HTML; a plain & stays as typed
    expect(text).not.toContain('<b>')
    expect(text.indexOf('Leerstand am Markt')).toBeLessThan(text.indexOf('Offene Frage'))

    const csvBytes = Buffer.from(await (await exportAs(workshop, 'format=csv')).arrayBuffer())
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // UTF-8 BOM, so spreadsheet apps read umlauts right
    const csv = csvBytes.toString('utf8')
    expect(csv).toContain(`"'=HYPERLINK(""x"") & <b>Kultur</b>"`) // no formula injection
    const json = (await (await exportAs(workshop, 'format=json&locale=en')).json()) as { workshop: { title: string } }
    expect(json.workshop.title).toBe('Fallbeispiel Görlitz')
    expect((await exportAs(workshop, 'format=pdf')).status).toBe(400)
  })

  it('counts people, not tabs: two tabs of one browser are one participant', async () => {
    const workshop = await createWorkshop(running.httpUrl, 'Zwei Tabs')
    const alice = await issueIdentity(running.httpUrl, workshop)
    const bob = await issueIdentity(running.httpUrl, workshop)
    const tabs = [connectPerson(running.wsUrl, workshop, alice), connectPerson(running.wsUrl, workshop, alice), connectPerson(running.wsUrl, workshop, bob)]
    await Promise.all(tabs.map(whenSynced))
    tabs.forEach((tab, index) => tab.awareness.setLocalStateField('user', { id: `user:${index < 2 ? alice.id : bob.id}`, name: index < 2 ? 'Alice' : 'Bob', color: '#e03131' }))
    writeRecords(tabs[0]!.doc, documentRecords())
    tabs.forEach((tab, index) => writeRecords(tab.doc, [note(`t${index}`, 'page:page', index * 300, 0, `Idee aus Tab ${index + 1}`)]))
    await Promise.all(tabs.map(whenStored))
    const record = (await (await exportAs(workshop, 'format=json')).json()) as { participantCount: number }
    expect(record.participantCount).toBe(2)
    for (const tab of tabs) tab.destroy()
  })

  it('shows its times in the workshop\'s time zone, which a facilitator sets and a wrong name cannot break', async () => {
    const workshop = await seededWorkshop()
    const patch = (body: unknown) =>
      fetch(`${running.httpUrl}/api/workshops/${workshop.id}`, { method: 'PATCH', headers: { ...as(workshop, 'facilitator'), 'content-type': 'application/json' }, body: JSON.stringify(body) })
    // A fixed past moment, so the header's "Stand" line is the same in every export.
    const at = Date.now()
    const stand = (timeZone: string) => `Stand: ${new Intl.DateTimeFormat('de-DE', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(at)}, ${new Intl.DateTimeFormat('de-DE', { timeZone, hour: '2-digit', minute: '2-digit' }).format(at)} Uhr`
    const wrong = await patch({ timeZone: 'Mars/Olympus_Mons' })
    expect(wrong.status).toBe(400)
    expect(await (await exportAs(workshop, `format=md&at=${at}`)).text()).toContain(stand('Europe/Berlin'))
    const changed = await patch({ timeZone: 'America/New_York' })
    expect(changed.status).toBe(200)
    expect(((await changed.json()) as { timeZone: string }).timeZone).toBe('America/New_York')
    const markdown = await (await exportAs(workshop, `format=md&at=${at}`)).text()
    expect(markdown).toContain(stand('America/New_York'))
    expect(markdown).not.toContain(stand('Europe/Berlin'))
  })

  it('cuts a past moment with at=', async () => {
    const workshop = await seededWorkshop()
    const before = Date.now()
    await new Promise((resolve) => setTimeout(resolve, 5))
    const bob = connectProvider(running.wsUrl, workshop)
    await whenSynced(bob)
    writeRecords(bob.doc, [note('later', 'page:page', 0, 600, 'Später ergänzt')])
    await whenStored(bob)
    bob.destroy()
    const now = await (await exportAs(workshop, 'format=md')).text()
    expect(now).toContain('Später ergänzt')
    expect(now).not.toContain('früherer Zeitpunkt')
    const past = await (await exportAs(workshop, `format=md&at=${before}`)).text()
    expect(past).not.toContain('Später ergänzt')
    expect(past).toContain('(früherer Zeitpunkt aus dem Verlauf)') // the header says which moment it shows
    const pastJson = (await (await exportAs(workshop, `format=json&at=${before}`)).json()) as { moment: string | null }
    expect(pastJson.moment).toBe(new Date(before).toISOString())
  })
})

describe('.tldr import', () => {
  it('round-trips records exactly: export from one workshop, import (replace) into another', async () => {
    const source = await seededWorkshop()
    const target = await createWorkshop(running.httpUrl, 'Ziel')
    const file = await (await exportAs(source, 'format=tldr')).text()
    const response = await importInto(target, file, 'replace')
    expect(response.status).toBe(200)
    expect(((await response.json()) as ImportResponse).shapes).toBe(4)
    expect(await boardRecords(target)).toEqual(await boardRecords(source))
  })

  it('adds a file on a new page, renaming ids the board already uses', async () => {
    const workshop = await seededWorkshop()
    const file = await (await exportAs(workshop, 'format=tldr')).text()
    const imported = (await (await importInto(workshop, file, 'add-page')).json()) as ImportResponse
    expect(imported.pageIds).toHaveLength(1)
    const records = await boardRecords(workshop)
    const pages = records.filter((record) => record.typeName === 'page') as Array<TLRecord & { name: string }>
    expect(pages.map((page) => page.name).sort()).toEqual(['Seite 1', 'Seite 1 (importiert)'])
    const onNewPage = records.filter((record) => record.typeName === 'shape' && record.parentId === imported.pageIds[0])
    expect(onNewPage).toHaveLength(2) // the frame and the note outside it; the others are inside the frame
    expect(records.filter((record) => record.typeName === 'shape')).toHaveLength(8)
    const renamedFrame = onNewPage.find((shape) => (shape as { type?: string }).type === 'frame')!
    expect(renamedFrame.id).not.toBe('shape:f1')
    expect(records.filter((record) => record.typeName === 'shape' && record.parentId === renamedFrame.id)).toHaveLength(2)
  })

  it('imports real files saved by tldraw 2.0, 2.4–3.3, 3.10–3.11, 3.15, 4.0–4.2 and 5.2, migrated, without session records', async () => {
    for (const [name, shapes, bindings] of [
      ['tldraw-2.0-workshop.tldr', 13, 2],
      ['tldraw-2.4-3.3-api-request-demo.tldr', 17, 20],
      ['tldraw-3.10-3.11-localenv.tldr', 19, 10],
      ['tldraw-3.15-obsidian.tldr', 5, 0],
      ['tldraw-4.0-4.2-robot-states.tldr', 81, 52],
      ['tldraw-5.2-desktop-argus.tldr', 29, 26],
    ] as const) {
      const workshop = await createWorkshop(running.httpUrl)
      const response = await importInto(workshop, fs.readFileSync(path.join(FIXTURES, name), 'utf8'), 'replace')
      expect(response.status, name).toBe(200)
      const records = await boardRecords(workshop)
      expect(records.filter((record) => record.typeName === 'shape'), name).toHaveLength(shapes)
      expect(records.filter((record) => record.typeName === 'binding'), name).toHaveLength(bindings)
      expect(records.some((record) => ['instance', 'camera', 'pointer', 'instance_page_state', 'user'].includes(record.typeName)), name).toBe(false)
      for (const record of records) expect(() => schema.validateRecord(null as never, record, 'initialize', null)).not.toThrow()
    }
  })

  it('refuses garbage and invalid records with a clear error, leaving the board unchanged', async () => {
    const workshop = await seededWorkshop()
    const before = await boardRecords(workshop)
    const valid = JSON.parse(await (await exportAs(workshop, 'format=tldr')).text()) as { records: Array<Record<string, unknown>> }
    const broken = { ...valid, records: valid.records.map((record) => (record.id === 'shape:n1' ? { ...record, x: 'links' } : record)) }
    for (const [body, status] of [
      ['not json at all', 422],
      ['[1,2,3]', 422],
      [JSON.stringify(broken), 422],
      ['{"tldrawFileFormatVersion":1,"schema":{},"records":[{"__proto__":{"x":1}}]}', 422],
    ] as const) {
      const response = await importInto(workshop, body, 'replace')
      expect(response.status, body.slice(0, 30)).toBe(status)
      expect(((await response.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(0)
    }
    expect((await importInto(workshop, JSON.stringify(valid), 'sideways')).status).toBe(400)
    expect((await importInto(workshop, JSON.stringify(valid), 'replace', 'participant')).status).toBe(403)
    expect(await boardRecords(workshop)).toEqual(before)
  })
})
