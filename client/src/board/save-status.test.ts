import { describe, expect, it } from 'vitest'
import { SaveTracker } from './save-status'

describe('SaveTracker', () => {
  it('is saved only once the newest request is confirmed and nothing was edited since', () => {
    const tracker = new SaveTracker()
    expect(tracker.state).toBe('connecting')
    tracker.connection(true)
    tracker.confirmed(tracker.nextRequest())
    expect(tracker.state).toBe('saved')
    tracker.edited()
    expect(tracker.state).toBe('saving')
    const first = tracker.nextRequest()
    tracker.edited()
    const second = tracker.nextRequest()
    tracker.confirmed(first)
    expect(tracker.state).toBe('saving')
    tracker.confirmed(second)
    expect(tracker.state).toBe('saved')
  })

  it('shows offline when disconnected, and failing until a confirmation arrives', () => {
    const tracker = new SaveTracker()
    tracker.connection(true)
    tracker.connection(false)
    tracker.edited()
    expect(tracker.state).toBe('offline')
    tracker.connection(true)
    const seq = tracker.nextRequest()
    tracker.failed()
    expect(tracker.state).toBe('failed')
    tracker.confirmed(seq)
    expect(tracker.state).toBe('saved')
  })

  it('shows offline, not connecting, once the first attempt to reach the server failed', () => {
    const tracker = new SaveTracker()
    expect(tracker.state).toBe('connecting')
    tracker.connectionLost()
    expect(tracker.state).toBe('offline')
    tracker.connection(true)
    expect(tracker.state).toBe('saved')
  })
})
