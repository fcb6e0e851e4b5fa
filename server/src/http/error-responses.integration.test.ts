/**
 * No response shows a stack trace or a path on the server. Each request that used to (a missing
 * hashed asset, an encoded `..`, bad percent-encoding, a malformed JSON body, a failing store) is
 * sent as raw bytes to a real server that serves a small built client of its own, and each answer
 * is checked for "at …" stack lines, the repository's path, `/node_modules/`, `server/src`, the
 * client and data folders, and for its status and form (JSON error under /api, plain text elsewhere).
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '@quartierboard/shared'
import { as, createWorkshop, makeTempDataDir, startTestServer, type CreatedWorkshop, type RunningServer } from '../testing/test-server.js'

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..')
const INDEX_HTML = '<!doctype html><title>Quartierboard</title><div id="root"></div>'

let running: RunningServer
let workshop: CreatedWorkshop
let clientDir: string

beforeAll(async () => {
  clientDir = makeTempDataDir()
  fs.mkdirSync(path.join(clientDir, 'assets'))
  fs.writeFileSync(path.join(clientDir, 'index.html'), INDEX_HTML)
  fs.writeFileSync(path.join(clientDir, 'assets', 'app-Abc123.js'), 'console.log("app")')
  running = await startTestServer({ clientDir })
  workshop = await createWorkshop(running.httpUrl)
})
afterAll(async () => {
  await running.server.close()
})

interface RawResponse {
  status: number
  type: string
  body: string
}

/** Sends the path exactly as written (fetch would normalise `%2e%2e` away). */
function request(port: number, method: string, rawPath: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: rawPath, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

function expectNothingLeaked(response: RawResponse, ...serverPaths: string[]): void {
  expect(response.body).not.toMatch(/^\s*at /m)
  expect(response.body).not.toMatch(/\bat .*:\d+:\d+/)
  for (const leaked of [REPO_ROOT, '/node_modules/', 'server/src', 'ENOENT', ...serverPaths]) expect(response.body).not.toContain(leaked)
}

function expectApiError(response: RawResponse, status: number, code: string): void {
  expect(response.status).toBe(status)
  expect(response.type).toMatch(/^application\/json/)
  const parsed = ApiError.parse(JSON.parse(response.body))
  expect(parsed.error.code).toBe(code)
  expect(Object.keys(parsed.error).sort()).toEqual(['code', 'message'])
}

function expectPlain(response: RawResponse, status: number): void {
  expect(response.status).toBe(status)
  expect(response.type).toMatch(/^text\/plain/)
  expect(response.body).not.toContain('<')
}

describe('error responses', () => {
  it('serves the client and its assets as before', async () => {
    const asset = await request(running.port, 'GET', '/assets/app-Abc123.js')
    expect(asset.status).toBe(200)
    expect(asset.body).toBe('console.log("app")')
    const board = await request(running.port, 'GET', `/w/${workshop.id}`)
    expect(board.status).toBe(200)
    expect(board.body).toBe(INDEX_HTML)
  })

  it.each([
    ['a missing hashed asset', '/assets/app-Missing1.js'],
    ['an encoded ".." under /assets', '/assets/..%2f..%2fetc%2fpasswd'],
    ['a dotted ".." under /assets', '/assets/%2e%2e/%2e%2e/etc/passwd'],
    ['bad percent-encoding under /assets', '/assets/%E0%A4%A'],
    ['the assets folder itself', '/assets/'],
  ])('answers %s with a plain 404, not the index', async (_what, rawPath) => {
    const response = await request(running.port, 'GET', rawPath)
    expectPlain(response, 404)
    expect(response.body).not.toBe(INDEX_HTML)
    expectNothingLeaked(response, clientDir, running.dataDir)
  })

  it('answers bad percent-encoding of a page with a plain 400', async () => {
    const response = await request(running.port, 'GET', '/w/%E0%A4%A')
    expectPlain(response, 400)
    expectNothingLeaked(response, clientDir, running.dataDir)
  })

  it('answers bad percent-encoding of an API path with the JSON error', async () => {
    const response = await request(running.port, 'GET', '/api/workshops/%E0%A4%A')
    expectApiError(response, 400, 'invalid_url')
    expect(response.body).not.toContain('%E0%A4%A')
    expectNothingLeaked(response, clientDir, running.dataDir)
  })

  it('answers an encoded ".." in an API path with the JSON error', async () => {
    const response = await request(running.port, 'GET', `/api/workshops/${workshop.id}/assets/..%2f..%2f..%2fetc%2fpasswd`, as(workshop, 'participant'))
    expectApiError(response, 404, 'asset_not_found')
    expectNothingLeaked(response, clientDir, running.dataDir)
  })

  it('answers malformed JSON bodies with the JSON error', async () => {
    const headers = { 'content-type': 'application/json' }
    const create = await request(running.port, 'POST', '/api/workshops', headers, '{"title": "Werk')
    expectApiError(create, 400, 'invalid_json')
    expectNothingLeaked(create, clientDir, running.dataDir)
    const snapshot = await request(running.port, 'POST', `/api/workshops/${workshop.id}/snapshots`, as(workshop, 'facilitator', headers), '{bad')
    expectApiError(snapshot, 400, 'invalid_json')
    expectNothingLeaked(snapshot, clientDir, running.dataDir)
    const charset = await request(running.port, 'POST', `/api/workshops/${workshop.id}/snapshots`, as(workshop, 'facilitator', { 'content-type': 'application/json; charset=bogus' }), '{}')
    expectApiError(charset, 415, 'bad_request')
    expectNothingLeaked(charset, clientDir, running.dataDir)
  })

  it('answers unknown paths: JSON under /api, plain text for a non-upgrade /sync request', async () => {
    expectApiError(await request(running.port, 'GET', '/api/nothing-here'), 404, 'not_found')
    const sync = await request(running.port, 'GET', `/sync/${workshop.id}`)
    expectPlain(sync, 404)
    expectNothingLeaked(sync, clientDir, running.dataDir)
  })

  it('answers an unexpected failure with 500 and no stack', async () => {
    const broken = await startTestServer({ clientDir })
    const other = await createWorkshop(broken.httpUrl)
    await broken.server.store.close() // every query now throws inside better-sqlite3
    try {
      const response = await request(broken.port, 'GET', `/api/workshops/${other.id}`, as(other, 'facilitator'))
      expectApiError(response, 500, 'internal')
      expectNothingLeaked(response, clientDir, broken.dataDir)
    } finally {
      // server.close() would flush into the closed store; only the port is left to free.
      const { httpServer } = broken.server
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()))
      httpServer.closeAllConnections()
      await closed
    }
  })
})
