/**
 * Joining a board writes nothing to its log, in real Chromium with tldraw's real editor (which puts
 * the person's `user` record into the store when it mounts): starting a board is one change, a
 * reload and a second person joining add none, and that person's first edit is one change.
 */
import { expect, test } from '../support/fixtures.js'
import { expectSaved, openBoard, shapes, waitForCanvas } from '../support/board.js'

interface Created {
  id: string
  tokens: { facilitator: string }
  links: { participant: string }
}

/** The number of stored updates of the workshop, as the replay counts them ("N Änderungen"). */
async function storedUpdates(serverUrl: string, workshop: Created): Promise<number> {
  const response = await fetch(`${serverUrl}/api/workshops/${workshop.id}/history`, {
    headers: { authorization: `Bearer ${workshop.tokens.facilitator}` },
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { updates: number }).updates
}

test('joining, reloading and a second person joining add no change to the log', async ({ page, server, newParticipant }) => {
  const response = await fetch(`${server.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Stadtteilwerkstatt' }),
  })
  const workshop = (await response.json()) as Created

  // The first browser starts the board: document, first page and meta, in one change.
  await openBoard(page, workshop.links.participant, 'Anna')
  await expectSaved(page)
  expect(await storedUpdates(server.url, workshop)).toBe(1)

  // A reload (the board comes from IndexedDB first, then syncs) adds nothing.
  await page.reload()
  await waitForCanvas(page)
  await expectSaved(page)
  expect(await storedUpdates(server.url, workshop)).toBe(1)

  // Nor does a second person joining, though their editor puts their user record into its store.
  const bert = await (await newParticipant()).newPage()
  await openBoard(bert, workshop.links.participant, 'Bert')
  await expectSaved(bert)
  expect(await storedUpdates(server.url, workshop)).toBe(1)

  // Bert's first edit (one store change) is one change in the log, and carries his user record along.
  await bert.evaluate(() => {
    const editor = (window as unknown as { quartierboard: { editor: { createShape(shape: object): void } } }).quartierboard.editor
    editor.createShape({ type: 'geo', x: 300, y: 300, props: { w: 120, h: 80 } })
  })
  await expectSaved(bert)
  await expect.poll(async () => (await shapes(page)).length).toBe(1)
  expect(await storedUpdates(server.url, workshop)).toBe(2)
})
