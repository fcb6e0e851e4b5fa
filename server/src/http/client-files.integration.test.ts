/**
 * How the built client's files are cached: the service worker must be revalidated on every check
 * (a proxy that kept it would hold a release back), hashed assets are immutable, and the index is
 * never kept without asking. Runs a real server on a small built client of its own.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDataDir, startTestServer, type RunningServer } from '../testing/test-server.js'

let running: RunningServer

beforeAll(async () => {
  const clientDir = makeTempDataDir()
  fs.mkdirSync(path.join(clientDir, 'assets'))
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Quartierboard</title>')
  fs.writeFileSync(path.join(clientDir, 'sw.js'), 'self.addEventListener("fetch", () => {})')
  fs.writeFileSync(path.join(clientDir, 'assets', 'index-Abc123.js'), 'console.log("app")')
  running = await startTestServer({ clientDir })
})
afterAll(async () => {
  await running.server.close()
})

describe('caching of the built client', () => {
  it('serves the service worker as JavaScript that must be revalidated', async () => {
    const response = await fetch(`${running.httpUrl}/sw.js`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/javascript/)
    expect(response.headers.get('cache-control')).toBe('no-cache')
  })

  it('keeps hashed assets for a year and the index never without asking', async () => {
    const asset = await fetch(`${running.httpUrl}/assets/index-Abc123.js`)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const board = await fetch(`${running.httpUrl}/w/some-board`)
    expect(await board.text()).toContain('<title>Quartierboard</title>')
    expect(board.headers.get('cache-control')).toBe('no-cache')
  })
})
