/**
 * The contract every BoardStore implementation must keep, as a reusable vitest suite: SQLite runs
 * it now (sqlite-store.test.ts); a PostgreSQL store will run the same suite.
 */
import { describe, expect, it } from 'vitest'
import type { BoardStore, WorkshopRecord } from './board-store.js'

function workshop(id: string): WorkshopRecord {
  return { id, title: `Werkstatt ${id}`, field: 'quartiersentwicklung', description: 'Fallbeispiel', createdAt: 1_700_000_000_000 }
}

const bytes = (...values: number[]) => new Uint8Array(values)

export function storeContract(name: string, openStore: () => Promise<BoardStore>): void {
  describe(`BoardStore contract: ${name}`, () => {
    it('S1 creates and reads workshops; unknown ids read as undefined', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'))
      expect(await store.getWorkshop('w1')).toEqual(workshop('w1'))
      expect(await store.getWorkshop('nope')).toBeUndefined()
      await expect(store.createWorkshop(workshop('w1'))).rejects.toThrow()
      await store.close()
    })

    it('S2 appends updates in order with increasing sequence numbers, time and author', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'))
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
      await store.createWorkshop(workshop('w1'))
      await store.createWorkshop(workshop('w2'))
      await store.appendUpdates('w1', [{ data: bytes(1), time: 1, author: 'a' }])
      expect(await store.appendUpdates('w2', [{ data: bytes(9), time: 1, author: 'a' }])).toBe(1)
      expect((await store.loadBoard('w2')).updates.map((u) => [...u.data])).toEqual([[9]])
      await store.close()
    })

    it('S4 loads the newest checkpoint and only the updates after it', async () => {
      const store = await openStore()
      await store.createWorkshop(workshop('w1'))
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
      await store.createWorkshop(workshop('w1'))
      // An update for a workshop that does not exist violates the foreign key mid-batch.
      await expect(store.appendUpdates('missing', [{ data: bytes(1), time: 1, author: 'a' }])).rejects.toThrow()
      const invalid = [{ data: bytes(1), time: 1, author: 'a' }, { data: null as unknown as Uint8Array, time: 2, author: 'a' }]
      await expect(store.appendUpdates('w1', invalid)).rejects.toThrow()
      expect((await store.loadBoard('w1')).updates).toEqual([])
      await store.close()
    })

    it('S6 answers ping while open', async () => {
      const store = await openStore()
      expect(await store.ping()).toBe(true)
      await store.close()
    })
  })
}
