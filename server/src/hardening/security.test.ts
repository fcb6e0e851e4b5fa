/**
 * Security basics over HTTP: security headers on every response (a CSP that the built client in
 * client/dist can live with), no capability token in any log line, a per-IP limit on creating
 * workshops, and odd query strings answered with 400 and the error JSON (never a 500, never
 * silently something else).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '@quartierboard/shared'
import { documentRecords, writeRecords } from '../testing/records.js'
import { as, createWorkshop, makeTempDataDir, startTestServer, type RunningServer } from '../testing/test-server.js'
import { RawClient, updateFrame } from '../testing/raw-sockets.js'

let running: RunningServer
beforeAll(async () => {
  running = await startTestServer()
})
afterAll(async () => {
  await running.server.close()
})

const CLIENT_DIR = path.resolve(import.meta.dirname, '../../../client/dist')
const EXPECTED_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  // The port is the test server's; filled in below.
  'connect-src',
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
]

function expectSecurityHeaders(response: Response, what: string): void {
  const csp = response.headers.get('content-security-policy') ?? ''
  const directives = csp.split(';').map((directive) => directive.trim())
  expect(directives.map((directive) => (directive.startsWith('connect-src') ? 'connect-src' : directive)), what).toEqual(EXPECTED_CSP)
  expect(directives.find((directive) => directive.startsWith('connect-src')), what).toBe(
    `connect-src 'self' data: blob: ws://127.0.0.1:${running.port} wss://127.0.0.1:${running.port}`,
  )
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff')
  expect(response.headers.get('referrer-policy'), what).toBe('no-referrer')
  expect(response.headers.get('x-frame-options'), what).toBe('DENY')
}

describe('security headers', () => {
  it('are on every response: API, errors, health, metrics and the client', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const requests: Array<[string, RequestInit?]> = [
      ['/healthz'],
      ['/metrics'],
      ['/api/config'],
      [`/api/workshops/${workshop.id}`, { headers: as(workshop, 'participant') }],
      [`/api/workshops/${workshop.id}`],
      ['/api/workshops/a.b'],
      ['/api/nothing-here'],
      ['/api/workshops', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'not json' }],
      ['/'],
      [`/w/${workshop.id}`],
    ]
    for (const [url, init] of requests) {
      const response = await fetch(`${running.httpUrl}${url}`, init)
      expectSecurityHeaders(response, `${init?.method ?? 'GET'} ${url} (${response.status})`)
    }
  })

  it('fit the built client: index.html loads only same-origin scripts and styles, nothing inline', async () => {
    if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) return // client not built (pnpm build)
    const index = await fetch(`${running.httpUrl}/`)
    expect(index.headers.get('content-type')).toMatch(/text\/html/)
    expectSecurityHeaders(index, 'index.html')
    const html = await index.text()
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attributes, body] of scripts) {
      expect(body!.trim(), 'inline script').toBe('') // script-src 'self' allows no inline code
      expect(attributes).toMatch(/src="\/assets\/[^"]+\.js"/)
    }
    expect(html).not.toMatch(/\son[a-z]+=/i) // no inline event handlers
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!)
    for (const asset of assets) {
      const response = await fetch(`${running.httpUrl}${asset}`)
      expect(response.status, asset).toBe(200)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
    // Styles and fonts come from our own origin or data: URLs (the CSP allows nothing else).
    for (const css of assets.filter((asset) => asset.endsWith('.css'))) {
      const text = await (await fetch(`${running.httpUrl}${css}`)).text()
      expect(text).not.toMatch(/url\(\s*["']?(https?:)?\/\//)
      expect(text).not.toMatch(/@import\s+["']?(https?:)?\/\//)
    }
    // No code path that the CSP would block: eval, wasm or workers.
    const bundles = fs.readdirSync(path.join(CLIENT_DIR, 'assets')).filter((name) => name.endsWith('.js'))
    for (const bundle of bundles) {
      const code = fs.readFileSync(path.join(CLIENT_DIR, 'assets', bundle), 'utf8')
      expect(code, bundle).not.toMatch(/\bnew Function\(|\beval\(|WebAssembly\.|new Worker\(|new SharedWorker\(/)
    }
  })
})

describe('tokens never reach a log', () => {
  it('logs no token of a query string, a Bearer header or a socket URL, even at trace level', async () => {
    const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '../../dist/main.js')], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: makeTempDataDir(), LOG_LEVEL: 'trace' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    const secrets: string[] = []
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /"port":(\d+)/.exec(output)
          if (match) {
            clearInterval(timer)
            resolve(Number(match[1]))
          }
        }, 10)
        child.once('exit', (code) => {
          clearInterval(timer)
          reject(new Error(`server exited with ${code}: ${output}`))
        })
      })
      const http = `http://127.0.0.1:${port}`
      const ws = `ws://127.0.0.1:${port}/sync`
      const workshop = await createWorkshop(http)
      const other = await createWorkshop(http)
      const wrong = 'W'.repeat(43)
      secrets.push(...Object.values(workshop.tokens), ...Object.values(other.tokens), wrong)
      const { facilitator, participant, reviewer } = workshop.tokens
      const id = workshop.id
      // HTTP: query tokens, Bearer tokens, wrong and foreign ones, errors and 404s.
      await fetch(`${http}/api/workshops/${id}?token=${participant}`)
      await fetch(`${http}/api/workshops/${id}`, { headers: { authorization: `Bearer ${facilitator}` } })
      await fetch(`${http}/api/workshops/${id}?token=${wrong}`)
      await fetch(`${http}/api/workshops/${id}`, { headers: { authorization: `Bearer ${other.tokens.participant}` } })
      await fetch(`${http}/api/workshops/${id}/export?format=nope&token=${facilitator}`)
      await fetch(`${http}/api/workshops/${id}/nothing?token=${reviewer}`)
      await fetch(`${http}/api/nothing?token=${participant}`)
      await fetch(`${http}/w/${id}?token=${participant}`)
      await fetch(`${http}/api/workshops/${id}/import?mode=replace&token=${facilitator}`, { method: 'POST', body: 'not json' })
      await fetch(`${http}/api/workshops/${id}/assets?token=${participant}`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: 'no png' })
      await fetch(`${http}/api/workshops/${id}/links/participant/rotate`, { method: 'POST', headers: { authorization: `Bearer ${facilitator}` } })
      // Sockets: a valid one that sends a refused update, a reviewer, a wrong and a foreign token.
      const socket = new RawClient(`${ws}/${id}?token=${facilitator}`)
      await socket.ready()
      const evil = new Y.Doc()
      writeRecords(evil, documentRecords())
      evil.getMap('elsewhere').set('x', 1)
      expect(await socket.probe(updateFrame(Y.encodeStateAsUpdate(evil)))).toMatchObject({ code: CloseCode.InvalidUpdate })
      for (const token of [reviewer, wrong, other.tokens.facilitator, participant]) {
        const client = new RawClient(`${ws}/${id}?token=${token}`)
        await new Promise((resolve) => client.ws.once('open', resolve))
        client.send(Uint8Array.from([0, 9])) // held until ready, then refused (or closed before)
        await client.closed
      }
    } finally {
      child.kill('SIGTERM')
      await exited
    }
    expect(output).toContain('"msg":"http"') // requests were logged…
    expect(output).toContain('refused a frame') // …and so were the sockets…
    expect(output).toContain('/api/workshops/') // …with their paths
    expect(secrets).toHaveLength(7)
    for (const line of output.split('\n')) {
      for (const secret of secrets) {
        if (line.includes(secret)) expect.fail(`a token reached the log: ${line.replaceAll(secret, '<token>')}`)
      }
    }
  })
})

describe('workshop creation limit', () => {
  it('answers 429 with the error JSON and Retry-After once an IP used up its budget', async () => {
    const limited = await startTestServer({ createWorkshopPerMinute: 2, createWorkshopBurst: 3 })
    try {
      const create = (headers: Record<string, string> = {}) =>
        fetch(`${limited.httpUrl}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"title":"Flut"}' })
      for (let i = 0; i < 3; i++) expect((await create()).status).toBe(201)
      const refused = await create()
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(30)
      const body = (await refused.json()) as { error: { code: string; message: string } }
      expect(body.error.code).toBe('rate_limited')
      expect(body.error.message).toMatch(/at most 2 per minute/)
      expectSecurityHeadersLoosely(refused)
      // Behind the (trusted, loopback) proxy, another client has its own budget.
      expect((await create({ 'x-forwarded-for': '203.0.113.7' })).status).toBe(201)
      // Reading workshops is not limited.
      expect((await fetch(`${limited.httpUrl}/healthz`)).status).toBe(200)
      const metrics = await (await fetch(`${limited.httpUrl}/metrics`)).text()
      expect(metrics).toMatch(/qb_http_rate_limited_total\{route="create_workshop"\} 1/)
    } finally {
      await limited.server.close()
    }
  })
})

function expectSecurityHeadersLoosely(response: Response): void {
  expect(response.headers.get('content-security-policy')).toContain("default-src 'self'")
  expect(response.headers.get('x-content-type-options')).toBe('nosniff')
}

describe('odd query strings', () => {
  it('answer 400 with the error JSON', async () => {
    const workshop = await createWorkshop(running.httpUrl)
    const base = `/api/workshops/${workshop.id}`
    const cases: Array<[string, number, string]> = [
      [`${base}/export?format=tldr&format=md`, 400, 'invalid_query'],
      [`${base}/export?format=exe`, 400, 'invalid_format'],
      [`${base}/export?format=tldr&at=yesterday`, 400, 'invalid_moment'],
      [`${base}/export?format=tldr&at=`, 400, 'invalid_moment'],
      [`${base}/state?at=99999999999999999999`, 400, 'invalid_moment'],
      [`${base}/state?format=exe`, 400, 'invalid_format'],
      [`${base}/state?at=0&at=1`, 400, 'invalid_query'],
      [`${base}/history?session=${'s'.repeat(3000)}`, 400, 'invalid_query'],
      [`${base}/history?session=no-such-session`, 404, 'session_not_found'],
      [`${base}/history/step?at=0&direction=sideways`, 400, 'invalid_direction'],
      [`${base}/history/step?direction=next`, 400, 'invalid_moment'],
      [`${base}/history/changes?from=10&to=5`, 400, 'invalid_range'],
      [`${base}/snapshots?session=a&session=b`, 400, 'invalid_query'],
      [`${base}/snapshots/nope?format=zip`, 400, 'invalid_format'],
      [`${base}?token=${workshop.tokens.participant}&token=${workshop.tokens.facilitator}`, 400, 'invalid_query'],
    ]
    for (const [url, status, code] of cases) {
      const response = await fetch(`${running.httpUrl}${url}`, { headers: as(workshop, 'facilitator') })
      expect(response.status, url.slice(0, 120)).toBe(status)
      expect(await response.json(), url.slice(0, 120)).toMatchObject({ error: { code } })
    }
    const importAs = await fetch(`${running.httpUrl}${base}/import?mode=replace&mode=add-page`, { method: 'POST', headers: as(workshop, 'facilitator'), body: '{}' })
    expect(importAs.status).toBe(400)
    expect(await importAs.json()).toMatchObject({ error: { code: 'invalid_query' } })
  })
})
