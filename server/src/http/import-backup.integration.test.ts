/**
 * A replacing import takes a backup first, as a restore does: on a real server, a board with
 * shapes is replaced by a .tldr file; the snapshot list then holds one "Vor dem Import" snapshot
 * (kind auto, in the running session) whose content is the old board, and restoring it brings the
 * old board back; the import's answer names that backup. Adding a file as a page, and a refused
 * file, take no backup (the answer's backup is null).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import { createBoardSchema, toTldrFile, type ImportResponse, type Snapshot, type SnapshotList } from '@quartierboard/shared'
import { documentRecords, geoShape, writeRecords } from '../testing/records.js'
import { as, connectProvider, createWorkshop, startTestServer, whenStored, whenSynced, type CreatedWorkshop, type RunningServer } from '../testing/test-server.js'

const schema = createBoardSchema()
let running: RunningServer

beforeAll(async () => {
  running = await startTestServer()
})
afterAll(async () => {
  await running.server.close()
})

/** A workshop whose board holds the document, the page and shapes `ids`. */
async function workshopWith(ids: string[]): Promise<CreatedWorkshop> {
  const workshop = await createWorkshop(running.httpUrl, 'Fallbeispiel Görlitz')
  const provider = connectProvider(running.wsUrl, workshop)
  await whenSynced(provider)
  writeRecords(provider.doc, [...documentRecords(), ...ids.map((id, i) => geoShape(id, i * 200, 0))])
  await whenStored(provider)
  provider.destroy()
  return workshop
}

function tldrOf(ids: string[]): string {
  return JSON.stringify(toTldrFile([...documentRecords(), ...ids.map((id, i) => geoShape(id, i * 150, 300))], schema))
}

async function importInto(workshop: CreatedWorkshop, body: string, mode: string, locale = 'de'): Promise<Response> {
  return fetch(`${running.httpUrl}/api/workshops/${workshop.id}/import?mode=${mode}&locale=${locale}`, { method: 'POST', headers: as(workshop, 'facilitator'), body })
}

async function snapshots(workshop: CreatedWorkshop): Promise<Snapshot[]> {
  const response = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}/snapshots`, { headers: as(workshop, 'facilitator') })
  return ((await response.json()) as SnapshotList).snapshots
}

async function shapeIdsOf(workshop: CreatedWorkshop, path: string): Promise<string[]> {
  const response = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}${path}`, { headers: as(workshop, 'facilitator') })
  expect(response.status).toBe(200)
  const file = (await response.json()) as { records: TLRecord[] }
  return file.records
    .filter((record) => record.typeName === 'shape')
    .map((record) => record.id as string)
    .sort()
}

describe('a replacing import', () => {
  it('first takes a "Vor dem Import" snapshot that holds the old board', async () => {
    const workshop = await workshopWith(['alt1', 'alt2'])
    const session = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}/sessions`, {
      method: 'POST',
      headers: as(workshop, 'facilitator', { 'content-type': 'application/json' }),
      body: JSON.stringify({ title: 'Sitzung 1' }),
    })
    const { id: sessionId } = (await session.json()) as { id: string }

    const response = await importInto(workshop, tldrOf(['neu1']), 'replace')
    expect(response.status).toBe(200)
    const answer = (await response.json()) as ImportResponse
    expect(await shapeIdsOf(workshop, '/export?format=tldr')).toEqual(['shape:neu1'])

    const backups = (await snapshots(workshop)).filter((snapshot) => snapshot.label === 'Vor dem Import')
    expect(backups).toHaveLength(1)
    const [backup] = backups
    expect(backup).toMatchObject({ kind: 'auto', author: 'facilitator', shapes: 2, sessionId })
    // The answer names the backup, so the client can offer "Rückgängig" without searching the list.
    expect(answer.backup).toEqual(backup)
    expect(await shapeIdsOf(workshop, `/snapshots/${backup!.id}?format=tldr`)).toEqual(['shape:alt1', 'shape:alt2'])

    // The backup undoes the import.
    const restore = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}/snapshots/${backup!.id}/restore`, {
      method: 'POST',
      headers: as(workshop, 'facilitator', { 'content-type': 'application/json' }),
      body: '{}',
    })
    expect(restore.status).toBe(200)
    expect(await shapeIdsOf(workshop, '/export?format=tldr')).toEqual(['shape:alt1', 'shape:alt2'])
  })

  it('labels the backup in English when the facilitator uses English', async () => {
    const workshop = await workshopWith(['alt1'])
    expect((await importInto(workshop, tldrOf(['neu1']), 'replace', 'en')).status).toBe(200)
    expect((await snapshots(workshop)).map((snapshot) => snapshot.label)).toEqual(['Before the import'])
  })

  it('takes no backup when adding a page or when the file is refused', async () => {
    const workshop = await workshopWith(['alt1'])
    const added = await importInto(workshop, tldrOf(['neu1']), 'add-page')
    expect(added.status).toBe(200)
    expect(((await added.json()) as ImportResponse).backup).toBeNull()
    expect((await importInto(workshop, '{"not": "a tldraw file"}', 'replace')).status).toBe(422)
    expect(await snapshots(workshop)).toEqual([])
  })
})
