/**
 * Test support for the load tests (hardening/): a large board with a long log written through a
 * real client, and `/healthz` timed as a monitor outside the server sees it.
 */
import { performance } from 'node:perf_hooks'
import type * as Y from 'yjs'
import { sampleGeoShape } from '@quartierboard/shared'
import { rawHttp, statusOf } from './raw-sockets.js'
import { documentRecords, writeRecords } from './records.js'

/** `shapes` labelled geo shapes (written 250 per update), then `loggedEdits` single-shape moves, as separate updates. */
export function writeLargeBoard(doc: Y.Doc, shapes: number, loggedEdits: number): void {
  writeRecords(doc, documentRecords())
  for (let start = 0; start < shapes; start += 250) {
    const piece = Array.from({ length: Math.min(250, shapes - start) }, (_, i) => sampleGeoShape(`s${start + i}`, (start + i) * 3, 0, { label: `Idee Nummer ${start + i}` }))
    writeRecords(doc, piece)
  }
  for (let i = 0; i < loggedEdits; i++) writeRecords(doc, [sampleGeoShape(`s${i % shapes}`, i, 40, { label: `Idee Nummer ${i % shapes}` })])
}

/**
 * One `/healthz` call on a connection of its own, in ms; fails unless it answers 200. (Not with
 * fetch: its connection pool queues the call behind the test's own parallel requests.)
 */
export async function timedHealthz(port: number): Promise<number> {
  const started = performance.now()
  const response = await rawHttp(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
  if (statusOf(response) !== 200) throw new Error(`/healthz answered ${statusOf(response)}`)
  return performance.now() - started
}
