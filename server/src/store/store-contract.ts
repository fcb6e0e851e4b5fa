/**
 * The contract every BoardStore implementation must keep, as a reusable vitest suite: SQLite runs
 * it now (sqlite-store.test.ts); a PostgreSQL store will run the same suite.
 */
import { describe, expect, it } from 'vitest'
import { testCredentials, testWorkshop as workshop } from '../testing/workshops.js'
import { SessionAlreadyRunning, type BoardStore } from './board-store.js'

const bytes = (...values: number[]) => new Uint8Array(values)

export function storeContract(name: string, openStore: () => Promise<BoardStore>): void {
  describe(`BoardStore contract: ${name}`, () => {
    it('S1 creates and reads workshops; unknown ids read as undefined', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'), testCredentials().credentials)
      expect(await store.getWorkshop('w1')).toEqual(workshop('w1'))
      expect(await store.getWorkshop('nope')).toBeUndefined()
      await expect(store.createWorkshop(workshop('w1'), testCredentials().credentials)).rejects.toThrow()
      await store.close()
    })

    it('S2 appends updates in order with increasing sequence numbers, time and author', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'), testCredentials().credentials)
      expect(await store.appendUpdates('w1', [{ data: bytes(1), time: 10, author: 'a' }, { data: bytes(2), time: 11, author: 'b' }])).toBe(2)
      expect(await store.appendUpdates('w1', [{ data: bytes(3), time: 12, author: 'a' }])).toBe(3)
      const board = await store.loadBoard('w1')
      expect(board.checkpoint).toBeNull()
      expect(board.updates.map((u) => [u.seq, [...u.data], u.time, u.author])).toEqual([
        [1, [1], 10, 'a'],
        [2, [2], 11, 'b'],
        [3, [3], 12, 'a'],
      ])
      await store.close()
    })

    it('S3 keeps boards of different workshops apart', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'), testCredentials().credentials)
      await store.createWorkshop(workshop('w2'), testCredentials().credentials)
      await store.appendUpdates('w1', [{ data: bytes(1), time: 1, author: 'a' }])
      expect(await store.appendUpdates('w2', [{ data: bytes(9), time: 1, author: 'a' }])).toBe(1)
      expect((await store.loadBoard('w2')).updates.map((u) => [...u.data])).toEqual([[9]])
      await store.close()
    })

    it('S4 loads the newest checkpoint and only the updates after it', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'), testCredentials().credentials)
      await store.appendUpdates('w1', [1, 2, 3, 4].map((value) => ({ data: bytes(value), time: value, author: 'a' })))
      await store.writeCheckpoint('w1', 2, bytes(1, 2), 100)
      await store.writeCheckpoint('w1', 3, bytes(1, 2, 3), 101)
      const board = await store.loadBoard('w1')
      expect([...(board.checkpoint ?? [])]).toEqual([1, 2, 3])
      expect(board.checkpointSeq).toBe(3)
      expect(board.updates.map((u) => u.seq)).toEqual([4])
      await store.close()
    })

    it('S5 appends a batch atomically: a failing batch stores none of its updates', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'), testCredentials().credentials)
      // An update for a workshop that does not exist violates the foreign key mid-batch.
      await expect(store.appendUpdates('missing', [{ data: bytes(1), time: 1, author: 'a' }])).rejects.toThrow()
      const invalid = [{ data: bytes(1), time: 1, author: 'a' }, { data: null as unknown as Uint8Array, time: 2, author: 'a' }]
      await expect(store.appendUpdates('w1', invalid)).rejects.toThrow()
      expect((await store.loadBoard('w1')).updates).toEqual([])
      await store.close()
    })

    it('S7 keeps token hashes per role, finds a hash in any workshop, and replaces them', async () => {
      const store = await openStore()
      const first = testCredentials()
      const second = testCredentials()
      await store.createWorkshop(workshop('w1'), first.credentials)
      await store.createWorkshop(workshop('w2'), second.credentials)
      expect(await store.getCredentials('w1')).toEqual(first.credentials)
      expect(await store.findTokenHash(second.credentials.hashes.reviewer)).toEqual({ workshopId: 'w2', role: 'reviewer' })
      const rotated = testCredentials()
      await store.replaceCredentials('w1', rotated.credentials)
      expect(await store.getCredentials('w1')).toEqual(rotated.credentials)
      expect(await store.findTokenHash(first.credentials.hashes.participant)).toBeUndefined()
      await store.close()
    })

    it('S8 runs at most one session per workshop', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'), testCredentials().credentials)
      await store.startSession({ id: 's1', workshopId: 'w1', title: 'Eins', startedAt: 10, endedAt: null, coalescedMs: 0 })
      await expect(store.startSession({ id: 's2', workshopId: 'w1', title: 'Zwei', startedAt: 11, endedAt: null, coalescedMs: 0 })).rejects.toBeInstanceOf(
        SessionAlreadyRunning,
      )
      expect(await store.runningSession('w1')).toMatchObject({ id: 's1' })
      expect(await store.endSession('w1', 's1', 20)).toMatchObject({ id: 's1', endedAt: 20 })
      expect(await store.endSession('w1', 's1', 21)).toBeUndefined()
      await store.startSession({ id: 's2', workshopId: 'w1', title: 'Zwei', startedAt: 30, endedAt: null, coalescedMs: 0 })
      expect((await store.listSessions('w1')).map((session) => [session.id, session.endedAt])).toEqual([
        ['s1', 20],
        ['s2', null],
      ])
      expect((await store.allRunningSessions()).map((session) => session.id)).toEqual(['s2'])
      await store.close()
    })

    it('S9 stores snapshots with their state, per session, oldest first', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'), testCredentials().credentials)
      await store.startSession({ id: 's1', workshopId: 'w1', title: 'Eins', startedAt: 10, endedAt: null, coalescedMs: 0 })
      const base = { workshopId: 'w1', label: '', author: 'server', shapes: 1, bytes: 2, uptoSeq: 3 }
      await store.addSnapshot({ ...base, id: 'a', sessionId: 's1', kind: 'auto', createdAt: 100 }, bytes(1, 2))
      await store.addSnapshot({ ...base, id: 'b', sessionId: null, kind: 'named', label: 'Nach Phase 1', createdAt: 200 }, bytes(3))
      await store.addSnapshot({ ...base, id: 'c', sessionId: 's1', kind: 'final', createdAt: 300 }, bytes(4))
      expect((await store.listSnapshots('w1')).map((snapshot) => snapshot.id)).toEqual(['a', 'b', 'c'])
      expect((await store.listSnapshots('w1', 's1')).map((snapshot) => snapshot.id)).toEqual(['a', 'c'])
      expect((await store.latestSnapshot('w1', 's1'))?.id).toBe('c')
      const stored = await store.getSnapshot('w1', 'b')
      expect(stored?.snapshot).toMatchObject({ kind: 'named', label: 'Nach Phase 1', sessionId: null })
      expect([...(stored?.state ?? [])]).toEqual([3])
      expect(await store.getSnapshot('w2', 'b')).toBeUndefined()
      await store.close()
    })

    it('S10 deletes a workshop with everything that belongs to it', async () => {
      const store = await openStore()
      const { credentials } = testCredentials()
      await store.createWorkshop(workshop('w1'), credentials)
      await store.appendUpdates('w1', [{ data: bytes(1), time: 1, author: 'a' }])
      await store.writeCheckpoint('w1', 1, bytes(1), 2)
      await store.startSession({ id: 's1', workshopId: 'w1', title: 'Eins', startedAt: 10, endedAt: null, coalescedMs: 0 })
      await store.addSnapshot(
        { id: 'a', workshopId: 'w1', sessionId: 's1', kind: 'auto', label: '', author: 'server', createdAt: 1, shapes: 0, bytes: 1, uptoSeq: 1 },
        bytes(1),
      )
      await store.addIdentity({ workshopId: 'w1', id: 'person-1', secretHash: Buffer.alloc(32, 1), issuedTo: 'participant', createdAt: 3 })
      expect(await store.deleteWorkshop('w1')).toBe(true)
      expect(await store.getIdentity('w1', 'person-1')).toBeUndefined()
      expect(await store.getWorkshop('w1')).toBeUndefined()
      expect(await store.getCredentials('w1')).toBeUndefined()
      expect(await store.findTokenHash(credentials.hashes.facilitator)).toBeUndefined()
      expect(await store.listSessions('w1')).toEqual([])
      expect(await store.listSnapshots('w1')).toEqual([])
      expect((await store.loadBoard('w1')).updates).toEqual([])
      expect(await store.lastSeq('w1')).toBe(0)
      expect(await store.deleteWorkshop('w1')).toBe(false)
      await store.close()
    })

    it('S11 reads the log by sequence and time, and finds the checkpoint for a moment', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'), testCredentials().credentials)
      await store.appendUpdates('w1', [10, 20, 30, 40].map((time, index) => ({ data: bytes(index), time, author: index % 2 ? 'b' : 'a' })))
      await store.writeCheckpoint('w1', 2, bytes(9), 100)
      const seqs = (range: Parameters<BoardStore['readUpdates']>[1]) => store.readUpdates('w1', range).then((updates) => updates.map((u) => u.seq))
      expect(await seqs({})).toEqual([1, 2, 3, 4])
      expect(await seqs({ afterSeq: 1, uptoSeq: 3 })).toEqual([2, 3])
      expect(await seqs({ afterTime: 10, uptoTime: 30 })).toEqual([2, 3])
      expect(await seqs({ uptoTime: 35, descending: true, limit: 1 })).toEqual([3])
      expect(await store.checkpointAtOrBefore('w1', 19)).toBeUndefined()
      expect(await store.checkpointAtOrBefore('w1', 20)).toMatchObject({ uptoSeq: 2 })
      expect(await store.checkpointSeqs('w1')).toEqual([2])
      expect(await store.activity('w1', 10, 40, 20)).toEqual([2, 2])
      expect(await store.authorActivity('w1', 0, 100)).toEqual(
        expect.arrayContaining([
          { author: 'a', updates: 2, first: 10, last: 30 },
          { author: 'b', updates: 2, first: 20, last: 40 },
        ]),
      )
      await store.close()
    })

    it('S12 replaces updates atomically, keeping the given sequence numbers', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'), testCredentials().credentials)
      await store.appendUpdates('w1', [1, 2, 3].map((value) => ({ data: bytes(value), time: value, author: 'a' })))
      await store.replaceUpdates('w1', [1, 2], [{ seq: 2, time: 2, author: 'a', data: bytes(1, 2) }])
      expect((await store.readUpdates('w1', {})).map((u) => [u.seq, [...u.data]])).toEqual([
        [2, [1, 2]],
        [3, [3]],
      ])
      expect(await store.appendUpdates('w1', [{ data: bytes(4), time: 4, author: 'a' }])).toBe(4)
      await store.close()
    })

    it('S13 keeps the name and colour each connection showed', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'), testCredentials().credentials)
      const author = { workshopId: 'w1', connectionId: 'c1', userId: 'user:1', identityId: null, name: 'Anna', color: '#e03131', role: 'participant' as const, firstSeen: 5 }
      await store.recordAuthor(author)
      await store.recordAuthor({ ...author, name: 'Anna B.', firstSeen: 9 })
      const tab = { ...author, connectionId: 'c2', userId: 'user:p1', identityId: 'p1' }
      await store.recordAuthor(tab)
      expect(await store.listAuthors('w1')).toEqual([{ ...author, name: 'Anna B.' }, tab])
      await store.close()
    })

    it('S14 keeps identities per workshop: the public id and the hash of the secret', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'), testCredentials().credentials)
      await store.createWorkshop(workshop('w2'), testCredentials().credentials)
      const identity = { workshopId: 'w1', id: 'person-1', secretHash: Buffer.alloc(32, 7), issuedTo: 'reviewer' as const, createdAt: 11 }
      await store.addIdentity(identity)
      expect(await store.getIdentity('w1', 'person-1')).toEqual(identity)
      expect(await store.getIdentity('w2', 'person-1')).toBeUndefined()
      expect(await store.getIdentity('w1', 'person-2')).toBeUndefined()
      await expect(store.addIdentity(identity)).rejects.toThrow()
      await expect(store.addIdentity({ ...identity, workshopId: 'missing' })).rejects.toThrow()
      await store.close()
    })

    it('S6 answers ping while open', async () => {
      const store = await openStore()
      expect(await store.ping()).toBe(true)
      await store.close()
    })
  })
}
