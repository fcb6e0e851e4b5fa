/**
 * People, not tabs, in real Chromium: two browsers on the same participant link get an identity
 * each. In silent brainstorming, Anna's private note never reaches Ben's browser, and Ben, who
 * can read Anna's public id from presence, gets nothing with it from the API (no route takes an
 * id in place of the secret). After the reveal both see the note; a reload keeps Anna's identity.
 */
import type { Page } from '@playwright/test'
import type { CreateWorkshopResponse } from '@quartierboard/shared'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop } from '../support/workshops.js'
import { openBoard, shapes, waitForCanvas } from '../support/board.js'

/** What these tests call on the client's test handle (`window.quartierboard.editor`). */
interface IdentitiesTestWindow {
  quartierboard: {
    editor: {
      createShapes(shapes: unknown[]): unknown
      updateShapes(shapes: unknown[]): unknown
      store: { get(id: string): unknown; query: { records(type: string): { get(): unknown } } }
    }
  }
}

const link = (serverUrl: string, workshop: CreateWorkshopResponse, role: 'facilitator' | 'participant') => `${serverUrl}/w/${workshop.id}#token=${workshop.tokens[role]}`

/** The identity this browser keeps for the workshop (localStorage). */
function storedIdentity(page: Page, workshopId: string): Promise<{ id: string; secret: string } | null> {
  return page.evaluate((id) => JSON.parse(localStorage.getItem(`quartierboard.identity.${id}`) ?? 'null') as { id: string; secret: string } | null, workshopId)
}

/** The presence user ids this browser sees of the others, by name. */
function othersInPresence(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const editor = (window as unknown as IdentitiesTestWindow).quartierboard.editor
    const presences = editor.store.query.records('instance_presence').get() as Array<{ userId: string; userName: string }>
    return Object.fromEntries(presences.map((presence) => [presence.userName, presence.userId]))
  })
}

test('two browsers on one link: private notes stay with their identity until the reveal', async ({ page, server, newParticipant }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Werkstatt Marktplatz')
  await openBoard(page, link(server.url, workshop, 'facilitator'), 'Moderation')
  const anna = await (await newParticipant()).newPage()
  await openBoard(anna, link(server.url, workshop, 'participant'), 'Anna')
  const ben = await (await newParticipant()).newPage()
  await openBoard(ben, link(server.url, workshop, 'participant'), 'Ben')

  const annasIdentity = await storedIdentity(anna, workshop.id)
  const bensIdentity = await storedIdentity(ben, workshop.id)
  expect(annasIdentity?.id).toMatch(/^[A-Za-z0-9_-]{22}$/)
  expect(bensIdentity?.id).not.toBe(annasIdentity?.id)
  // Ben's browser sees Anna under her public id, never her secret.
  await expect.poll(async () => (await othersInPresence(ben)).Anna).toBe(`user:${annasIdentity!.id}`)

  await page.getByTestId('private-start').click()
  await expect(anna.getByTestId('private-banner')).toBeVisible()
  await anna.evaluate(() => {
    const editor = (window as unknown as IdentitiesTestWindow).quartierboard.editor
    const text = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Annas stille Idee' }] }] }
    editor.createShapes([{ id: 'shape:annas-idea', type: 'note', x: 300, y: 300, props: { richText: text } }])
  })
  // Stored on the server for Anna (her own API call, with her secret).
  await expect
    .poll(() =>
      anna.evaluate(async ({ id, token, secret }) => {
        const response = await fetch(`/api/workshops/${id}/private-notes`, { headers: { authorization: `Bearer ${token}`, 'x-identity': secret } })
        return ((await response.json()) as { records: Array<{ id: string }> }).records.map((record) => record.id)
      }, { id: workshop.id, token: workshop.tokens.participant, secret: annasIdentity!.secret }),
    )
    .toEqual(['shape:annas-idea'])
  await anna.screenshot({ path: testInfo.outputPath('anna-private-note.png') })

  // Ben, from his browser, with Anna's public id from presence: every route fails or shows only his own.
  const annasPresenceId = (await othersInPresence(ben)).Anna!
  const attempts = await ben.evaluate(
    async ({ id, token, bensSecret, annasId }) => {
      const base = `/api/workshops/${id}/private-notes`
      const headers = (secret: string | null): Record<string, string> => ({
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(secret === null ? {} : { 'x-identity': secret }),
      })
      const status = async (path: string, init: RequestInit) => (await fetch(path, init)).status
      const mine = await fetch(base, { headers: headers(bensSecret) }).then((response) => response.json() as Promise<{ records: unknown[] }>)
      const record = { id: 'shape:annas-idea', typeName: 'shape', type: 'note' }
      return {
        bensOwnNotes: mine.records.length,
        readAsAnna: await status(`${base}?owner=${annasId}`, { headers: headers(bensSecret) }),
        readWithAnnasIdAsSecret: await status(base, { headers: headers(annasId) }),
        readWithoutSecret: await status(base, { headers: headers(null) }),
        overwrite: await status(`${base}/shape:annas-idea`, { method: 'PUT', headers: headers(bensSecret), body: JSON.stringify({ owner: annasId, record }) }),
        deleteAsAnna: await status(`${base}/shape:annas-idea?owner=${annasId}`, { method: 'DELETE', headers: headers(bensSecret) }),
        deleteWithAnnasIdAsSecret: await status(`${base}/shape:annas-idea`, { method: 'DELETE', headers: headers(annasId) }),
      }
    },
    { id: workshop.id, token: workshop.tokens.participant, bensSecret: bensIdentity!.secret, annasId: annasPresenceId.replace(/^user:/, '') },
  )
  expect(attempts).toEqual({
    bensOwnNotes: 0,
    readAsAnna: 400,
    readWithAnnasIdAsSecret: 401,
    readWithoutSecret: 401,
    overwrite: 400,
    deleteAsAnna: 400,
    deleteWithAnnasIdAsSecret: 401,
  })
  const inBensStore = () =>
    ben.evaluate(() => Boolean((window as unknown as IdentitiesTestWindow).quartierboard.editor.store.get('shape:annas-idea')))
  expect(await inBensStore()).toBe(false)
  await ben.screenshot({ path: testInfo.outputPath('ben-before-reveal.png') })

  // A reload keeps Anna's identity, and her private note comes back from the server.
  await anna.reload()
  await waitForCanvas(anna)
  expect((await storedIdentity(anna, workshop.id))?.id).toBe(annasIdentity!.id)
  await expect.poll(async () => (await shapes(anna)).map((shape) => shape.text)).toContain('Annas stille Idee')
  await expect.poll(async () => (await othersInPresence(ben)).Anna).toBe(`user:${annasIdentity!.id}`)
  expect(await inBensStore()).toBe(false)

  await page.getByTestId('private-reveal').click()
  for (const viewer of [anna, ben, page]) await expect.poll(async () => (await shapes(viewer)).map((shape) => shape.text)).toContain('Annas stille Idee')
  await ben.screenshot({ path: testInfo.outputPath('ben-after-reveal.png') })
})

test('a browser whose identity the server does not know asks for a new one once', async ({ server, newParticipant }) => {
  const workshop = await createWorkshop(server.url, 'Werkstatt Marktplatz')
  const context = await newParticipant()
  // An identity from before the workshop's data was reset: right shape, unknown to the server.
  const stale = { id: 'AAAAAAAAAAAAAAAAAAAAAA', secret: `AAAAAAAAAAAAAAAAAAAAAA.${'A'.repeat(43)}` }
  const page = await context.newPage()
  await page.goto(server.url)
  await page.evaluate(({ id, identity }) => localStorage.setItem(`quartierboard.identity.${id}`, JSON.stringify(identity)), { id: workshop.id, identity: stale })
  const issued: number[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/identities')) issued.push(Date.now())
  })
  await openBoard(page, link(server.url, workshop, 'participant'), 'Clara')
  await expect.poll(async () => (await storedIdentity(page, workshop.id))?.id).not.toBe(stale.id)
  await waitForCanvas(page)
  await expect(page.getByTestId('access-problem')).toHaveCount(0)
  expect(issued).toHaveLength(1)
})

test('an edit of a private note made just before the reveal is on the board after it, not the older stored text', async ({ page, server, newParticipant }) => {
  const workshop = await createWorkshop(server.url, 'Werkstatt Marktplatz')
  await openBoard(page, link(server.url, workshop, 'facilitator'), 'Moderation')
  const anna = await (await newParticipant()).newPage()
  await openBoard(anna, link(server.url, workshop, 'participant'), 'Anna')
  await page.getByTestId('private-start').click()
  await expect(anna.getByTestId('private-banner')).toBeVisible()
  const write = (text: string, create: boolean) =>
    anna.evaluate(
      ({ text, create }) => {
        const editor = (window as unknown as IdentitiesTestWindow).quartierboard.editor
        const richText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
        if (create) editor.createShapes([{ id: 'shape:spaet', type: 'note', x: 300, y: 300, props: { richText } }])
        else editor.updateShapes([{ id: 'shape:spaet', type: 'note', props: { richText } }])
      },
      { text, create },
    )
  await write('Erster Gedanke', true)
  const annasIdentity = await storedIdentity(anna, workshop.id)
  const storedTexts = () =>
    anna.evaluate(async ({ id, token, secret }) => {
      const response = await fetch(`/api/workshops/${id}/private-notes`, { headers: { authorization: `Bearer ${token}`, 'x-identity': secret } })
      return ((await response.json()) as { records: Array<{ props: { richText: { content: Array<{ content: Array<{ text: string }> }> } } }> }).records.map((record) => record.props.richText.content[0]!.content[0]!.text)
    }, { id: workshop.id, token: workshop.tokens.participant, secret: annasIdentity!.secret })
  await expect.poll(storedTexts).toEqual(['Erster Gedanke'])
  // The edit and, at once (inside the browser's send delay), the reveal.
  await write('Zu Ende gedacht', false)
  const revealed = await fetch(`${server.url}/api/workshops/${workshop.id}/facilitation/private/reveal`, { method: 'POST', headers: { authorization: `Bearer ${workshop.tokens.facilitator}` } })
  expect(revealed.status).toBe(200)
  for (const viewer of [page, anna]) {
    await expect.poll(async () => (await shapes(viewer)).map((shape) => shape.text), { message: 'the last edit wins after the reveal' }).toEqual(['Zu Ende gedacht'])
  }
})
