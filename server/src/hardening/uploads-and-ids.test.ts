/**
 * Uploads and workshop ids. Assets: too large, not an image, or an image type that does not
 * match the bytes are refused and nothing is written to disk. Workshop ids: traversal (`../x`,
 * `%2e%2e%2f`), NUL bytes and 10 kB names are refused on HTTP and on the socket, never
 * sanitised into something else; requests are sent raw so that no URL parser normalises them.
 * (.tldr imports that are not JSON or hold invalid records: http/export-import.integration.test.ts,
 * "refuses garbage and invalid records".)
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloseCode } from '@quartierboard/shared'
import { as, createWorkshop, startTestServer, type RunningServer } from '../testing/test-server.js'
import { jsonBodyOf, rawHttp, rawUpgrade, statusOf } from '../testing/raw-sockets.js'

let running: RunningServer
beforeAll(async () => {
  running = await startTestServer()
})
afterAll(async () => {
  await running.server.close()
})

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex')
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')

function filesIn(folder: string): string[] {
  return fs.existsSync(folder) ? fs.readdirSync(folder, { recursive: true }).map(String) : []
}

describe('asset uploads', () => {
  it('refuses oversized, non-image and mismatched uploads, writing nothing', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const assets = path.join(running.dataDir, 'assets')
    const before = filesIn(assets)
    const upload = (contentType: string | null, body: Buffer | string) =>
      fetch(`${running.httpUrl}/api/workshops/${workshop.id}/assets`, {
        method: 'POST',
        headers: as(workshop, 'participant', contentType === null ? {} : { 'content-type': contentType }),
        body: body as BodyInit,
      })
    const cases: Array<[string | null, Buffer | string, number, string]> = [
      ['image/png', Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]), 413, 'payload_too_large'],
      ['text/html', '<script>alert(1)</script>', 415, 'unsupported_asset_type'],
      ['application/octet-stream', PNG, 415, 'unsupported_asset_type'],
      [null, PNG, 415, 'unsupported_asset_type'],
      ['image/bmp', 'BM', 415, 'unsupported_asset_type'],
      ['image/png', JPEG, 415, 'asset_type_mismatch'],
      ['image/jpeg', PNG, 415, 'asset_type_mismatch'],
      ['image/gif', PNG, 415, 'asset_type_mismatch'],
      ['image/webp', Buffer.from('RIFF\0\0\0\0WAVEfmt '), 415, 'asset_type_mismatch'],
      ['image/png', GIF, 415, 'asset_type_mismatch'],
      ['image/svg+xml', '<html><body><script>alert(1)</script></body></html>', 415, 'asset_type_mismatch'],
      ['image/svg+xml', '<?xml version="1.0"?><html/>', 415, 'asset_type_mismatch'],
      ['image/png', '', 400, 'empty_asset'],
    ]
    for (const [type, body, status, code] of cases) {
      const response = await upload(type, body)
      expect(response.status, `${type}`).toBe(status)
      expect(await response.json(), `${type}`).toMatchObject({ error: { code } })
    }
    expect(filesIn(assets)).toEqual(before)
    // The reviewer may not upload even a valid image.
    const asReviewer = await fetch(`${running.httpUrl}/api/workshops/${workshop.id}/assets`, {
      method: 'POST',
      headers: as(workshop, 'reviewer', { 'content-type': 'image/png' }),
      body: PNG as unknown as BodyInit,
    })
    expect(asReviewer.status).toBe(403)
    // A valid one is stored and served back only as the image it is, with nosniff and a sandbox.
    const ok = await upload('image/gif', GIF)
    expect(ok.status).toBe(201)
    const { url } = (await ok.json()) as { url: string }
    const served = await fetch(`${running.httpUrl}${url}`, { headers: as(workshop, 'reviewer') })
    expect(served.headers.get('content-type')).toBe('image/gif')
    expect(served.headers.get('x-content-type-options')).toBe('nosniff')
    expect(served.headers.get('content-security-policy')).toContain('sandbox')
  })
})

/** Raw request lines, exactly as sent: no client normalises `..` or decodes anything. */
const BAD_IDS: Array<[string, string]> = [
  ['dot segments', '../x'],
  ['encoded dot segments', '%2e%2e%2fx'],
  ['encoded dots and slash', '..%2F..%2Fquartierboard.db'],
  ['encoded NUL', 'abc%00def'],
  ['a dot', 'a.b'],
  ['10 kB name', 'a'.repeat(10 * 1024)],
  ['10 kB encoded name', '%41'.repeat(3 * 1024)],
  ['encoded slash', 'a%2Fb'],
  ['unicode', '%C3%A4rger'],
  ['space', 'a%20b'],
]

describe('workshop ids are rejected, never sanitised', () => {
  it('answers 400 invalid_workshop_id (or 404 when the path leaves the API) over HTTP', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    for (const [name, id] of BAD_IDS) {
      const response = await rawHttp(
        running.port,
        `GET /api/workshops/${id} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${workshop.tokens.facilitator}\r\nConnection: close\r\n\r\n`,
      )
      const status = statusOf(response)
      expect([400, 404], name).toContain(status)
      if (status === 400) expect(jsonBodyOf(response), name).toMatchObject({ error: { code: 'invalid_workshop_id' } })
      else expect(jsonBodyOf(response), name).toMatchObject({ error: { code: 'not_found' } })
    }
    // Paths under a workshop too (export, assets, history) with a traversing id.
    for (const suffix of ['/export?format=tldr', '/assets/x.png', '/history', '/state?at=0']) {
      const response = await rawHttp(
        running.port,
        `GET /api/workshops/%2e%2e${suffix} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${workshop.tokens.facilitator}\r\nConnection: close\r\n\r\n`,
      )
      expect(statusOf(response), suffix).toBe(400)
    }
  })

  it('refuses a raw NUL byte in the request line at the HTTP parser', async () => {
    const response = await rawHttp(running.port, Buffer.from('GET /api/workshops/a\u0000b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 'latin1'))
    expect(statusOf(response)).toBe(400)
    const upgrade = await rawUpgrade(running.port, Buffer.from('/sync/a\u0000b', 'latin1'))
    expect(upgrade).toEqual({ status: 400 })
  })

  it('closes the socket with 4400 "invalid workshop id"', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    for (const [name, id] of BAD_IDS) {
      const outcome = await rawUpgrade(running.port, `/sync/${id}?token=${workshop.tokens.participant}`)
      expect(outcome, name).toEqual({ code: CloseCode.InvalidWorkshopId, reason: 'invalid workshop id' })
    }
    // An undecodable percent sequence, and nothing at all.
    expect(await rawUpgrade(running.port, '/sync/%E0%A4%A')).toEqual({ code: CloseCode.InvalidWorkshopId, reason: 'invalid workshop id' })
    expect(await rawUpgrade(running.port, '/sync/')).toEqual({ code: CloseCode.InvalidWorkshopId, reason: 'invalid workshop id' })
    // The valid id still works on the same server.
    const valid = await rawUpgrade(running.port, `/sync/${workshop.id}?token=WRONG`)
    expect(valid).toMatchObject({ code: CloseCode.Unauthorized })
  })
})
