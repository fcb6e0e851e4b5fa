/**
 * Playback of the timeline: while playing, moves the moment forward by `speed` times the real
 * time every tick, and stops at the end. Pressing play at the end starts from the beginning.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { advancePlayback, PLAYBACK_TICK_MS, type PlaybackSpeed, type TimeRange } from './timeline-math'

export interface Playback {
  playing: boolean
  speed: PlaybackSpeed
  setSpeed: (speed: PlaybackSpeed) => void
  toggle: () => void
  pause: () => void
}

export function usePlayback(range: TimeRange, time: number, seek: (at: number, immediate: boolean) => void): Playback {
  const [playing, setPlaying] = useState(false)
  const [speed, setSpeed] = useState<PlaybackSpeed>(1)
  const timeRef = useRef(time)
  timeRef.current = time
  const seekRef = useRef(seek)
  seekRef.current = seek

  useEffect(() => {
    if (!playing) return
    const timer = setInterval(() => {
      const next = advancePlayback(timeRef.current, speed, PLAYBACK_TICK_MS, range)
      timeRef.current = next
      seekRef.current(next, true)
      if (next >= range.to) setPlaying(false)
    }, PLAYBACK_TICK_MS)
    return () => clearInterval(timer)
  }, [playing, speed, range])

  const toggle = useCallback(() => {
    if (!playing && timeRef.current >= range.to) seekRef.current(range.from, true)
    setPlaying(!playing)
  }, [playing, range])
  const pause = useCallback(() => setPlaying(false), [])
  return { playing, speed, setSpeed, toggle, pause }
}
