import { describe, expect, it } from 'vitest'
import { canAddDot, changeDot, countVotes, dotsLeft } from './votes.js'

const eligible = new Set(['shape:a', 'shape:b', 'shape:c'])

describe('dot voting', () => {
  it('lets a person spend their dots, several on one note, and take one back', () => {
    let mine = {}
    mine = changeDot(mine, 'shape:a', 1)
    mine = changeDot(mine, 'shape:a', 1)
    mine = changeDot(mine, 'shape:b', 1)
    expect(dotsLeft(mine, 3)).toBe(0)
    expect(canAddDot(mine, 3, 'shape:c', eligible)).toBe(false)
    mine = changeDot(mine, 'shape:a', -1)
    expect(mine).toEqual({ 'shape:a': 1, 'shape:b': 1 })
    expect(canAddDot(mine, 3, 'shape:c', eligible)).toBe(true)
    expect(canAddDot(mine, 3, 'shape:elsewhere', eligible)).toBe(false)
    expect(changeDot({ 'shape:a': 1 }, 'shape:a', -1)).toEqual({})
  })

  it('counts dots per note over all voters, only for notes still in the frame', () => {
    const ballots = new Map<string, Record<string, number>>([
      ['anna', { 'shape:a': 2, 'shape:b': 1 }],
      ['ben', { 'shape:a': 1, 'shape:gone': 2 }],
      ['cem', { 'shape:gone': 3 }],
      ['dana', {}],
    ])
    expect(countVotes(ballots, eligible)).toEqual({ results: { 'shape:a': 3, 'shape:b': 1, 'shape:c': 0 }, voters: 2 })
  })
})
