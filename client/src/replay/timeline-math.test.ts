import { describe, expect, it } from 'vitest'
import {
  advancePlayback,
  clampTime,
  formatClock,
  fractionToTime,
  neighbourTimes,
  playbackPrefetchTimes,
  sliderStepMs,
  snapToStep,
  sparklinePath,
  spreadTimes,
  timeToFraction,
} from './timeline-math'

const range = { from: 1_000, to: 11_000 }

describe('timeline positions', () => {
  it('maps times to fractions and back', () => {
    expect(timeToFraction(1_000, range)).toBe(0)
    expect(timeToFraction(6_000, range)).toBe(0.5)
    expect(timeToFraction(99_000, range)).toBe(1)
    expect(fractionToTime(0.25, range)).toBe(3_500)
    expect(fractionToTime(-1, range)).toBe(1_000)
  })

  it('handles an empty range', () => {
    const empty = { from: 5, to: 5 }
    expect(timeToFraction(7, empty)).toBe(0)
    expect(clampTime(7, empty)).toBe(5)
    expect(spreadTimes(empty, 4)).toEqual([5])
  })

  it('picks a nice slider step, never finer than the resolution', () => {
    expect(sliderStepMs({ from: 0, to: 10_000 })).toBe(10)
    expect(sliderStepMs({ from: 0, to: 3 * 3_600_000 })).toBe(10_000)
    expect(sliderStepMs({ from: 0, to: 10_000 }, 1_000)).toBe(1_000)
  })

  it('snaps to slider positions within the range', () => {
    expect(snapToStep(1_260, range, 100)).toBe(1_300)
    expect(snapToStep(10_990, range, 1_000)).toBe(11_000)
    expect(snapToStep(-50, range, 100)).toBe(1_000)
  })
})

describe('sparkline', () => {
  it('scales the busiest bucket to full height and closes the area', () => {
    const path = sparklinePath([0, 2, 4], 2_000, { from: 0, to: 6_000 }, 60, 10)
    expect(path).toBe('M0,10 L0,10 L20,10 L20,5 L40,5 L40,0 L60,0 L60,10 Z')
  })

  it('is empty without activity', () => {
    expect(sparklinePath([], 1_000, range, 100, 10)).toBe('')
  })
})

describe('playback', () => {
  it('advances by speed and stops at the end', () => {
    expect(advancePlayback(1_000, 60, 100, range)).toBe(7_000)
    expect(advancePlayback(10_000, 60, 1_000, range)).toBe(11_000)
  })

  it('prefetches the next ticks until the end', () => {
    expect(playbackPrefetchTimes(1_000, 10, range, 3, 250)).toEqual([3_500, 6_000, 8_500])
    expect(playbackPrefetchTimes(9_000, 10, range, 5, 250)).toEqual([11_000])
    expect(playbackPrefetchTimes(11_000, 10, range, 5, 250)).toEqual([])
  })

  it('lists neighbouring slider positions, nearest first', () => {
    expect(neighbourTimes(2_000, range, 500, 2)).toEqual([2_500, 1_500, 3_000, 1_000])
    expect(neighbourTimes(1_000, range, 500, 2)).toEqual([1_500, 2_000])
  })

  it('spreads moments evenly', () => {
    expect(spreadTimes(range, 3)).toEqual([1_000, 6_000, 11_000])
  })
})

describe('clock', () => {
  it('formats wall-clock time with seconds in German and English', () => {
    const t = Date.UTC(2025, 2, 15, 13, 3, 7)
    expect(formatClock(t, 'de', 'UTC')).toEqual({ time: '13:03:07', date: '15.03.2025' })
    expect(formatClock(t, 'en', 'UTC')).toEqual({ time: '13:03:07', date: '15/03/2025' })
  })
})
