import type { HistoryChange, HistoryChanges } from '@quartierboard/shared'
import { describe, expect, it } from 'vitest'
import { ChangeLog, pageEnd, provenanceOf } from './change-log'

const change = (at: number, author: string, put: string[], removed: string[] = []): HistoryChange => ({ at: new Date(at).toISOString(), author, put, removed })

/** A server stand-in over a fixed list: from < time <= to, at most `limit` per answer. */
function serverOf(all: readonly HistoryChange[], limit: number) {
  const calls: Array<[number, number]> = []
  const fetch = async (from: number, to: number): Promise<HistoryChanges> => {
    calls.push([from, to])
    const inRange = all.filter((entry) => Date.parse(entry.at) > from && Date.parse(entry.at) <= to)
    return { changes: inRange.slice(0, limit), truncated: inRange.length > limit }
  }
  return { fetch, calls }
}

describe('provenanceOf', () => {
  it('names the creator and the last editor of every shape still there', () => {
    const result = provenanceOf([
      change(1000, 'paula', ['shape:a', 'page:page']),
      change(2000, 'rita', ['shape:a', 'shape:b']),
      change(3000, 'paula', [], ['shape:b']),
      change(4000, 'rita', ['shape:b']),
    ])
    expect(Object.fromEntries(result)).toEqual({
      'shape:a': { createdBy: 'paula', createdAt: 1000, changedBy: 'rita', changedAt: 2000 },
      'shape:b': { createdBy: 'rita', createdAt: 4000, changedBy: 'rita', changedAt: 4000 },
    })
  })

  it('names the person behind a note the server revealed, not the reveal', () => {
    const creators = new Map([
      ['shape:still', { author: 'paula', at: 500 }],
      ['shape:moved', { author: 'rita', at: 600 }],
      ['shape:own', { author: 'someone-else', at: 100 }],
    ])
    const result = provenanceOf(
      [change(1000, 'facilitator:reveal', ['shape:still', 'shape:moved']), change(1500, 'ben', ['shape:moved']), change(2000, 'ben', ['shape:own'])],
      creators,
    )
    expect(Object.fromEntries(result)).toEqual({
      'shape:still': { createdBy: 'paula', createdAt: 500, changedBy: 'paula', changedAt: 1000 },
      'shape:moved': { createdBy: 'rita', createdAt: 600, changedBy: 'ben', changedAt: 1500 },
      // A shape a person put on the board keeps the log's author.
      'shape:own': { createdBy: 'ben', createdAt: 2000, changedBy: 'ben', changedAt: 2000 },
    })
  })
})

describe('pageEnd', () => {
  it('drops the last millisecond of a cut page so the next page fetches it whole', () => {
    const page = [change(10, 'a', []), change(20, 'a', []), change(20, 'b', [])]
    expect(pageEnd(page, true, 99)).toEqual({ keep: [page[0]], coveredTo: 19 })
    expect(pageEnd(page, false, 99)).toEqual({ keep: page, coveredTo: 99 })
  })
})

describe('ChangeLog', () => {
  it('pages through cut answers without losing updates that share a millisecond', async () => {
    const all = [change(10, 'a', ['shape:1']), change(20, 'b', ['shape:2']), change(20, 'c', ['shape:3']), change(30, 'd', ['shape:1']), change(40, 'e', ['shape:4'])]
    const server = serverOf(all, 2)
    const log = new ChangeLog(0)
    await log.extendTo(35, server.fetch)
    expect(log.upTo(35)).toEqual(all.slice(0, 4))
    expect(log.covered).toBe(35)
  })

  it('answers earlier moments from memory and fetches only the missing stretch later', async () => {
    const all = [change(10, 'a', ['shape:1']), change(50, 'b', ['shape:1'])]
    const server = serverOf(all, 100)
    const log = new ChangeLog(0)
    await log.extendTo(30, server.fetch)
    await log.extendTo(20, server.fetch)
    expect(log.upTo(20)).toEqual([all[0]])
    await log.extendTo(60, server.fetch)
    expect(server.calls).toEqual([
      [0, 30],
      [30, 60],
    ])
    expect(provenanceOf(log.upTo(60)).get('shape:1')).toMatchObject({ createdBy: 'a', changedBy: 'b' })
  })
})
