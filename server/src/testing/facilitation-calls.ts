/**
 * Test support: the facilitator's tools as HTTP calls on a real server, and a record of how a
 * stock provider's sockets were closed (a valid client must never be refused).
 */
import type { WebsocketProvider } from 'y-websocket'
import { as, type CreatedWorkshop } from './test-server.js'

/** Calls `path` under the workshop's API with the facilitator's token; throws on an error status. */
export async function facilitate(httpUrl: string, workshop: CreatedWorkshop, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${httpUrl}/api/workshops/${workshop.id}${path}`, {
    method,
    headers: as(workshop, 'facilitator', { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`)
  return response.status === 204 ? null : ((await response.json()) as unknown)
}

/** Every tool once: a timer started and stopped, lock and unlock, private mode and reveal, a vote. */
export async function useEveryTool(httpUrl: string, workshop: CreatedWorkshop, frameId: string): Promise<void> {
  await facilitate(httpUrl, workshop, 'POST', '/facilitation/timer', { durationMs: 60_000 })
  await facilitate(httpUrl, workshop, 'POST', '/facilitation/timer/pause')
  await facilitate(httpUrl, workshop, 'DELETE', '/facilitation/timer')
  await facilitate(httpUrl, workshop, 'PUT', '/facilitation/lock', { locked: true })
  await facilitate(httpUrl, workshop, 'PUT', '/facilitation/lock', { locked: false })
  await facilitate(httpUrl, workshop, 'POST', '/facilitation/step', { title: 'Sammeln' })
  await facilitate(httpUrl, workshop, 'PUT', '/facilitation/private', { on: true })
  await facilitate(httpUrl, workshop, 'POST', '/facilitation/private/reveal')
  const vote = (await facilitate(httpUrl, workshop, 'POST', '/votes', { frameId, dotsPerPerson: 3 })) as { id: string }
  await facilitate(httpUrl, workshop, 'POST', `/votes/${vote.id}/close`)
}

export interface CloseRecord {
  code: number
  reason: string
}

/** Records every close of the provider's sockets that came from the server with a code of 4000 or more. */
export function recordRefusals(provider: WebsocketProvider): CloseRecord[] {
  const refusals: CloseRecord[] = []
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event && event.code >= 4000) refusals.push({ code: event.code, reason: String(event.reason) })
  })
  return refusals
}
