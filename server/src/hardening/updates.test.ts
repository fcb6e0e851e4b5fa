/**
 * Well-framed but refused updates, over real sockets against a real server: corrupt Yjs updates,
 * top-level types outside the layout, records failing tldraw validation (unknown type, missing
 * props, `__proto__` keys, id not equal to key, NaN/Infinity coordinates, records over
 * MAX_RECORD_BYTES) and unknown `meta` keys. Each is refused with 4422 before it touches the
 * document: never relayed, never stored, the room loads after a restart (and after a SIGKILL right
 * after the refusal). Updates Yjs could not integrate at once are dropped (the server asks the
 * client for what they build on) and stored only once that arrives. Deletions are allowed.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { CloseCode } from '@quartierboard/shared'
import { documentRecords, geoShape, recordsOf, writeRecords } from '../testing/records.js'
import {
  ChildServer,
  connectProvider,
  createWorkshop,
  makeTempDataDir,
  startTestServer,
  waitForDoc,
  whenStored,
  whenSynced,
  type RunningServer,
} from '../testing/test-server.js'
import { recordsOfDoc } from '../workshops/board-state.js'
import { RawClient, openRaw, updateFrame, type Closed } from '../testing/raw-sockets.js'
import { attackedBoards, sorted, type Board } from '../testing/attacked-board.js'

const { server: shared, board, expectUnchanged, restartAndCheckEveryBoard } = attackedBoards()
/** Sends `frame` on a new raw socket; resolves with 'taken' or how the socket was closed. */
async function send(b: Board, frame: Uint8Array, server: RunningServer = shared()): Promise<'taken' | Closed> {
  const client = await openRaw(server.wsUrl, b.workshop.id, b.workshop.tokens.participant)
  const outcome = await client.probe(frame)
  client.close()
  return outcome
}

async function expectRefused(b: Board, update: Uint8Array, reason: RegExp, server: RunningServer = shared()): Promise<void> {
  const outcome = await send(b, updateFrame(update), server)
  expect(outcome).not.toBe('taken')
  expect(outcome as Closed).toMatchObject({ code: CloseCode.InvalidUpdate })
  expect((outcome as Closed).reason).toMatch(reason)
  await expectUnchanged(b, server)
}

/** The update that `change` makes to a copy of what Bob holds (so it may refer to the board's items). */
function changeOf(b: Board, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(b.bob.doc))
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

/** Pushes raw `{ key, val }` entries into the records array, bypassing any typing. */
function pushEntries(...entries: Array<{ key: string; val: unknown }>): (doc: Y.Doc) => void {
  return (doc) => doc.getArray('records').push(entries)
}

function entryOf(record: unknown): { key: string; val: unknown } {
  return { key: (record as { id: string }).id, val: record }
}

function withText(record: TLRecord, text: string): TLRecord {
  const shape = record as TLRecord & { props: Record<string, unknown> }
  return { ...shape, props: { ...shape.props, richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } } } as TLRecord
}

describe('refused updates', () => {
  it('refuses corrupt but well-framed Yjs updates (random bytes, cut updates)', async () => {
    const b = await board()
    const valid = changeOf(b, (doc) => writeRecords(doc, [geoShape('never', 1, 1)]))
    const corrupt = [
      Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]),
      Uint8Array.from([0xff, 0xff, 0xff, 0x0f]),
      ...[1, 3, 7, Math.floor(valid.length / 2), valid.length - 3, valid.length - 1].map((length) => valid.subarray(0, length)),
    ]
    for (const update of corrupt) {
      const outcome = await send(b, updateFrame(update))
      expect(outcome, `update of ${update.length} bytes`).not.toBe('taken')
      expect((outcome as Closed).code).toBe(CloseCode.InvalidUpdate)
      expect((outcome as Closed).reason).toMatch(/undecodable|does not know|skips|gap|not part of/)
    }
    await expectUnchanged(b)
  })

  it('refuses a top-level type outside the layout', async () => {
    const b = await board()
    const evil = new Y.Doc()
    evil.getMap('not-in-layout').set('x', 1)
    await expectRefused(b, Y.encodeStateAsUpdate(evil), /top-level type "not-in-layout" is not part of the board layout/)
    const text = new Y.Doc()
    text.getText('records2').insert(0, 'x')
    await expectRefused(b, Y.encodeStateAsUpdate(text), /not part of the board layout/)
  })

  it('refuses records of unknown type, without props, with an id unlike the key, or with NaN/Infinity', async () => {
    const b = await board()
    const shape = geoShape('bad', 3, 4) as TLRecord & Record<string, unknown>
    await expectRefused(b, changeOf(b, pushEntries(entryOf({ id: 'evil:1', typeName: 'evil', x: 1 }))), /record type evil does not belong/)
    await expectRefused(b, changeOf(b, pushEntries(entryOf({ ...shape, props: {} }))), /invalid shape record shape:bad/)
    const { props: _props, ...withoutProps } = shape
    await expectRefused(b, changeOf(b, pushEntries(entryOf(withoutProps))), /invalid shape record shape:bad/)
    await expectRefused(b, changeOf(b, pushEntries({ key: 'shape:other', val: shape })), /record id shape:bad does not equal its key shape:other/)
    await expectRefused(b, changeOf(b, pushEntries(entryOf({ ...shape, x: Number.NaN }))), /invalid shape record/)
    await expectRefused(b, changeOf(b, pushEntries(entryOf({ ...shape, y: Number.POSITIVE_INFINITY }))), /invalid shape record/)
    // Session-scope records (a camera, an instance) do not belong in the shared document either.
    await expectRefused(b, changeOf(b, pushEntries(entryOf({ id: 'camera:page:page', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} }))), /does not belong/)
    // One bad record spoils the whole update, however many good ones it carries.
    await expectRefused(b, changeOf(b, pushEntries(entryOf(geoShape('good-1')), entryOf({ ...shape, x: 'left' }), entryOf(geoShape('good-2')))), /invalid shape record/)
  })

  it('refuses records with "__proto__" keys anywhere inside', async () => {
    const b = await board()
    const json = JSON.stringify(geoShape('proto', 1, 1))
    const inProps = JSON.parse(json.replace('"props":{', '"props":{"__proto__":{"polluted":true},')) as unknown
    const atTop = JSON.parse(json.replace('{', '{"__proto__":{"isLocked":true},')) as unknown
    // Every prop inherited through the prototype, none of its own.
    const shape = JSON.parse(json) as { props: unknown }
    const inherited = JSON.parse(JSON.stringify({ ...shape, props: { ['__proto__']: shape.props } }).replace('"props":{"__proto__"', '"props":{"__proto__"')) as unknown
    for (const record of [inProps, atTop, inherited]) {
      await expectRefused(b, changeOf(b, pushEntries(entryOf(record))), /__proto__/)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses a record over MAX_RECORD_BYTES (300 kB text with the default 256 kB)', async () => {
    const b = await board()
    await expectRefused(b, changeOf(b, pushEntries(entryOf(withText(geoShape('long'), 'x'.repeat(300 * 1024))))), /over MAX_RECORD_BYTES \(262144\)/)
    // Just under the limit is fine.
    const fine = withText(geoShape('fine'), 'x'.repeat(200 * 1024))
    expect(await send(b, updateFrame(changeOf(b, (doc) => writeRecords(doc, [fine]))))).toBe('taken')
    b.expected = sorted([...b.expected, fine])
    await expectUnchanged(b)
  })

  it('refuses a 5 MB text even when the frame limit lets it through', async () => {
    const big = await startTestServer({ maxFrameBytes: 8 * 1024 * 1024, maxRecordBytes: 256 * 1024 })
    try {
      const b = await board(big)
      const update = changeOf(b, pushEntries(entryOf(withText(geoShape('huge'), 'x'.repeat(5 * 1024 * 1024)))))
      await expectRefused(b, update, /over MAX_RECORD_BYTES/, big)
      b.alice.destroy()
      b.bob.destroy()
    } finally {
      await big.server.close()
    }
  })

  it('allows deletions, relays and stores them', async () => {
    const b = await board()
    const update = changeOf(b, (doc) => recordsOf(doc).delete('shape:base'))
    expect(await send(b, updateFrame(update))).toBe('taken')
    await waitForDoc(b.bob.doc, () => recordsOf(b.bob.doc).get('shape:base') === undefined)
    await waitForDoc(b.alice.doc, () => recordsOf(b.alice.doc).get('shape:base') === undefined)
    b.expected = b.expected.filter((record) => record.id !== 'shape:base')
    await expectUnchanged(b)
  })

  it('refuses meta writes of unknown keys and allows the known ones', async () => {
    const b = await board()
    await expectRefused(b, changeOf(b, (doc) => doc.getMap('meta').set('isAdmin', true)), /meta accepts only schema, createdAt, version/)
    await expectRefused(b, changeOf(b, (doc) => doc.getMap('meta').set('__proto__', { x: 1 })), /meta accepts only/)
    expect(await send(b, updateFrame(changeOf(b, (doc) => doc.getMap('meta').set('createdAt', 1_700_000_000_000))))).toBe('taken')
    await waitForDoc(b.bob.doc, () => b.bob.doc.getMap('meta').get('createdAt') === 1_700_000_000_000)
    await expectUnchanged(b)
  })

  it('drops updates Yjs could not integrate at once (gaps, unknown deletions) without storing them or closing the socket', async () => {
    const b = await board()
    // Two updates of one client; sending only the second leaves a gap in its clocks.
    const source = new Y.Doc()
    Y.applyUpdate(source, Y.encodeStateAsUpdate(b.bob.doc))
    const start = Y.encodeStateVector(source)
    writeRecords(source, [geoShape('first')])
    const middle = Y.encodeStateVector(source)
    writeRecords(source, [geoShape('second')])
    const second = Y.encodeStateAsUpdate(source, middle)
    // A deletion of content the server has never seen.
    const unknownDeletion = new Y.Doc()
    unknownDeletion.getArray('records').push([entryOf(geoShape('ghost'))])
    const ghostState = Y.encodeStateVector(unknownDeletion)
    unknownDeletion.getArray('records').delete(0, 1)
    for (const update of [second, Y.encodeStateAsUpdate(unknownDeletion, ghostState)]) {
      const client = await openRaw(shared().wsUrl, b.workshop.id, b.workshop.tokens.participant)
      let confirmed = false
      void client.probe(updateFrame(update)).then((outcome) => (confirmed = outcome === 'taken'))
      await client.barrier()
      // Held: the save request waits for the client's sync step 2 (missing-content.ts).
      expect(confirmed).toBe(false)
      expect(client.isOpen).toBe(true)
      client.close()
      await expectUnchanged(b)
    }
    // The first update, then the second, are fine.
    expect(await send(b, updateFrame(Y.encodeStateAsUpdate(source, start)))).toBe('taken')
    expect(await send(b, updateFrame(second))).toBe('taken')
    b.expected = sorted([...b.expected, geoShape('first'), geoShape('second')])
    await expectUnchanged(b)
  })

  it('places items by what the document holds, not by forged copies of known items in the update', async () => {
    const b = await board()
    // Alice's last item is meta.version. A forged update reuses her client id: its copy of her
    // clocks is a records entry, and a new record follows it. Yjs skips the known clocks and puts
    // the new item next to what the document holds there: into meta, as "version".
    b.alice.doc.getMap('meta').set('version', 1)
    await whenStored(b.alice)
    await waitForDoc(b.bob.doc, () => b.bob.doc.getMap('meta').get('version') === 1)
    const aliceState = Y.getState(b.alice.doc.store, b.alice.doc.clientID)
    const forge = new Y.Doc()
    forge.clientID = b.alice.doc.clientID
    const page = (i: number) => ({ id: `page:f${i}`, typeName: 'page', name: `F${i}`, index: 'a1', meta: {} })
    forge.getArray('records').push(Array.from({ length: aliceState }, (_, i) => entryOf(page(i))))
    forge.getArray('records').push([entryOf(geoShape('smuggled'))])
    await expectRefused(b, Y.encodeStateAsUpdate(forge), /contradicts the document|not part of|meta accepts only/)
    expect(b.bob.doc.getMap('meta').get('version')).toBe(1)
    // Resending known content (as y-indexeddb does with its cache) is fine, whatever it holds.
    expect(await send(b, updateFrame(Y.encodeStateAsUpdate(b.bob.doc)))).toBe('taken')
    await expectUnchanged(b)
  })

  it('accepts a long chain of items that refer to each other (an update written offline), without deep recursion', async () => {
    const b = await board()
    // One client writes 20,000 pages, one after the other, and deletes every other one, so that
    // no two neighbours merge; another client (listed first in the update) adds a page after the last.
    const offline = new Y.Doc()
    offline.clientID = 1 // Yjs lists higher client ids first
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(b.bob.doc))
    const before = Y.encodeStateVector(offline)
    const records = offline.getArray<{ key: string; val: unknown }>('records')
    const page = (i: number) => ({ id: `page:p${i}`, typeName: 'page', name: `P${i}`, index: 'a1', meta: {} })
    for (let i = 0; i < 20_000; i++) records.push([entryOf(page(i))])
    offline.transact(() => {
      for (let i = 19_998; i >= 0; i -= 2) records.delete(records.length - 20_000 + i, 1)
    })
    const later = new Y.Doc()
    later.clientID = 2 ** 31
    Y.applyUpdate(later, Y.encodeStateAsUpdate(offline))
    later.getArray('records').push([entryOf(page(99_999))])
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(later))
    const update = Y.encodeStateAsUpdate(offline, before)
    expect(update.length).toBeLessThan(2 * 1024 * 1024)
    expect(await send(b, updateFrame(update))).toBe('taken')
    const all = sorted(recordsOfDoc(offline))
    expect(all.length - b.expected.length).toBeGreaterThanOrEqual(10_001)
    b.expected = all
    await expectUnchanged(b)
  })

  it('refuses a corrupt update, then survives a SIGKILL: the room loads as it was', async () => {
    const child = new ChildServer(makeTempDataDir())
    await child.start()
    try {
      const workshop = await createWorkshop(child.httpUrl)
      const alice = connectProvider(child.wsUrl, workshop)
      await whenSynced(alice)
      writeRecords(alice.doc, [...documentRecords(), geoShape('kept', 7, 7)])
      await whenStored(alice)
      const expected = sorted(recordsOfDoc(alice.doc))
      const rogue = new RawClient(`${child.wsUrl}/${workshop.id}?token=${workshop.tokens.participant}`)
      await rogue.ready()
      const corrupt = Y.encodeStateAsUpdate(alice.doc)
      corrupt.fill(0xff, 4, 12)
      const outcome = await rogue.probe(updateFrame(corrupt))
      expect(outcome).toMatchObject({ code: CloseCode.InvalidUpdate })
      await child.stop('SIGKILL')
      alice.destroy()
      await child.start()
      const reader = connectProvider(child.wsUrl, workshop)
      await whenSynced(reader)
      expect(sorted(recordsOfDoc(reader.doc))).toEqual(expected)
      reader.destroy()
    } finally {
      await child.stop('SIGKILL')
    }
  })
})

describe('after all of the above', () => {
  it('every board of this file loads after a restart with exactly its records', async () => {
    await restartAndCheckEveryBoard()
  })
})
