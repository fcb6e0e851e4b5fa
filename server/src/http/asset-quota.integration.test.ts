/**
 * Upload quotas on a real server with tiny limits (3000 bytes per workshop, 2000 per uploader):
 * an upload over either gets 413 with its own code and stores nothing; the uploader is the
 * identity in X-Identity (two people on one address have a quota each), else the client's address
 * (two addresses through the trusted loopback proxy's X-Forwarded-For); the limits hold for uploads
 * sent at once and across a restart.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError, UploadAssetResponse } from '@quartierboard/shared'
import { issueIdentity } from '../testing/identities.js'
import { as, createWorkshop, makeTempDataDir, startTestServer, type CreatedWorkshop, type RunningServer } from '../testing/test-server.js'

const QUOTA = { maxAssetBytesPerWorkshop: 3000, maxAssetBytesPerUploader: 2000 }
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** A body that passes the PNG signature check, `bytes` long. */
function png(bytes: number): Buffer {
  return Buffer.concat([PNG_SIGNATURE, Buffer.alloc(bytes - PNG_SIGNATURE.length, 7)])
}

const servers: RunningServer[] = []
afterEach(async () => {
  for (const running of servers.splice(0)) await running.server.close()
})

async function start(dataDir = makeTempDataDir()): Promise<RunningServer> {
  const running = await startTestServer({ ...QUOTA, dataDir })
  servers.push(running)
  return running
}

function upload(running: RunningServer, workshop: CreatedWorkshop, bytes: number, from: string, identitySecret?: string): Promise<Response> {
  const identity: Record<string, string> = identitySecret === undefined ? {} : { 'x-identity': identitySecret }
  return fetch(`${running.httpUrl}/api/workshops/${workshop.id}/assets`, {
    method: 'POST',
    headers: as(workshop, 'participant', { 'content-type': 'image/png', 'x-forwarded-for': from, ...identity }),
    body: new Uint8Array(png(bytes)),
  })
}

async function expectStored(response: Response): Promise<string> {
  expect(response.status).toBe(201)
  return UploadAssetResponse.parse(await response.json()).url
}

async function expectRefused(response: Response, code: string): Promise<string> {
  expect(response.status).toBe(413)
  const { error } = ApiError.parse(await response.json())
  expect(error.code).toBe(code)
  return error.message
}

/** Every file in the workshop's asset folder with its size (the ledger included). */
function folderOf(running: RunningServer, workshop: CreatedWorkshop): Record<string, number> {
  const folder = path.join(running.dataDir, 'assets', workshop.id)
  if (!fs.existsSync(folder)) return {}
  return Object.fromEntries(fs.readdirSync(folder).map((name) => [name, fs.statSync(path.join(folder, name)).size]))
}

function assetBytes(files: Record<string, number>): number[] {
  return Object.entries(files)
    .filter(([name]) => name.endsWith('.png'))
    .map(([, size]) => size)
    .sort((a, b) => a - b)
}

describe('upload quotas', () => {
  it('refuses an upload over the uploader quota or the workshop quota with 413 and stores nothing', async () => {
    const running = await start()
    const workshop = await createWorkshop(running.httpUrl)

    const firstUrl = await expectStored(await upload(running, workshop, 1500, '10.0.0.1'))
    const afterFirst = folderOf(running, workshop)

    const overUploader = await expectRefused(await upload(running, workshop, 600, '10.0.0.1'), 'uploader_asset_quota_exceeded')
    expect(overUploader).toBe('Your uploads to this workshop would exceed 2.0 KiB: you uploaded 1.5 KiB, the file has 600 bytes.')
    expect(folderOf(running, workshop)).toEqual(afterFirst)

    await expectStored(await upload(running, workshop, 1400, '10.0.0.2'))
    const afterSecond = folderOf(running, workshop)
    expect(assetBytes(afterSecond)).toEqual([1400, 1500])

    // 2900 + 200 > 3000, though the second uploader has room left.
    const overWorkshop = await expectRefused(await upload(running, workshop, 200, '10.0.0.2'), 'workshop_asset_quota_exceeded')
    expect(overWorkshop).toBe("This workshop's uploads would exceed 2.9 KiB: 2.8 KiB are used, the file has 200 bytes.")
    expect(folderOf(running, workshop)).toEqual(afterSecond)
    expect(Object.keys(afterSecond).filter((name) => !name.endsWith('.png'))).toEqual(['uploads.json'])

    // What fits still goes in, and the stored file is served back whole.
    await expectStored(await upload(running, workshop, 100, '10.0.0.2'))
    const served = await fetch(`${running.httpUrl}${firstUrl}`, { headers: as(workshop, 'reviewer') })
    expect(Buffer.from(await served.arrayBuffer()).equals(png(1500))).toBe(true)

    // Another workshop has its own quotas.
    const other = await createWorkshop(running.httpUrl, 'Andere Werkstatt')
    await expectStored(await upload(running, other, 1500, '10.0.0.1'))
  })

  it('gives each identity its own quota, on one address too, and refuses a wrong identity', async () => {
    const running = await start()
    const workshop = await createWorkshop(running.httpUrl)
    const [ada, ben] = [await issueIdentity(running.httpUrl, workshop), await issueIdentity(running.httpUrl, workshop)]

    await expectStored(await upload(running, workshop, 1500, '10.0.0.1', ada.secret))
    await expectRefused(await upload(running, workshop, 600, '10.0.0.1', ada.secret), 'uploader_asset_quota_exceeded')
    // Same address, another person: their own quota.
    await expectStored(await upload(running, workshop, 600, '10.0.0.1', ben.secret))
    // Same address without an identity: the address's quota, which the identities did not use.
    await expectStored(await upload(running, workshop, 700, '10.0.0.1'))
    expect(assetBytes(folderOf(running, workshop))).toEqual([600, 700, 1500])

    const before = folderOf(running, workshop)
    const wrong = await upload(running, workshop, 100, '10.0.0.1', `${ada.secret.slice(0, -2)}xx`)
    expect(wrong.status).toBe(401)
    expect(ApiError.parse(await wrong.json()).error.code).toBe('invalid_identity')
    expect(folderOf(running, workshop)).toEqual(before)
  })

  it('lets only what fits through when uploads arrive at once', async () => {
    const running = await start()
    const workshop = await createWorkshop(running.httpUrl)
    const responses = await Promise.all([1, 2, 3, 4, 5].map((n) => upload(running, workshop, 1000, `10.0.1.${n}`)))
    const statuses = responses.map((response) => response.status).sort()
    expect(statuses).toEqual([201, 201, 201, 413, 413])
    expect(assetBytes(folderOf(running, workshop))).toEqual([1000, 1000, 1000])
  })

  it('remembers who uploaded what across a restart', async () => {
    const dataDir = makeTempDataDir()
    const first = await start(dataDir)
    const workshop = await createWorkshop(first.httpUrl)
    await expectStored(await upload(first, workshop, 1800, '10.0.0.1'))
    await first.server.close()
    servers.splice(servers.indexOf(first), 1)

    const second = await start(dataDir)
    await expectRefused(await upload(second, workshop, 300, '10.0.0.1'), 'uploader_asset_quota_exceeded')
    await expectStored(await upload(second, workshop, 300, '10.0.0.2'))
    expect(assetBytes(folderOf(second, workshop))).toEqual([300, 1800])
  })
})
