/**
 * Answers to repeated queries, at most one per interval per socket and kind. A query awareness
 * (`[3]`) is one byte and its answer is everyone's presence; a sync step 1 is a few bytes and its
 * answer can be the whole board. Answering each one lets a client that sends thousands of them
 * make the server encode and queue megabytes for each.
 *
 * So per connection and kind: a query is answered at once when the last answer of that kind is
 * at least `intervalMs` old; otherwise it is held, and answered once when the interval ends. More
 * queries while one is held replace it (the newest wins: a client's state vector only grows, so
 * the answer to its newest step 1 is what it needs). The last query of a burst is always answered,
 * never dropped. A valid client asks rarely (a sync step 1 when it connects) and never waits.
 */
import { performance } from 'node:perf_hooks'
import type { RoomConnection } from './room-socket.js'

/** Queries whose answers are coalesced. */
export type QueryKind = 'query-awareness' | 'sync-step-1'

/** A second query of a kind within this many ms of the last answer waits for the end of the interval. */
export const QUERY_ANSWER_INTERVAL_MS = 1000

interface KindState {
  answeredAt: number
  held: (() => void) | null
  timer: ReturnType<typeof setTimeout> | null
}

export class QueryCoalescer {
  private readonly states = new Map<RoomConnection, Map<QueryKind, KindState>>()

  /** Real time: rooms under test run a simulated server clock that does not advance by itself. */
  constructor(
    private readonly intervalMs = QUERY_ANSWER_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `answer` now, or once when the interval of `kind` for `connection` ends (replacing an answer held before). */
  answer(connection: RoomConnection, kind: QueryKind, answer: () => void): void {
    let kinds = this.states.get(connection)
    if (!kinds) {
      kinds = new Map()
      this.states.set(connection, kinds)
    }
    const state = kinds.get(kind)
    const now = this.now()
    if (!state || (state.timer === null && now - state.answeredAt >= this.intervalMs)) {
      kinds.set(kind, { answeredAt: now, held: null, timer: null })
      answer()
      return
    }
    state.held = answer
    if (state.timer !== null) return
    state.timer = setTimeout(() => {
      const held = state.held
      state.held = null
      state.timer = null
      state.answeredAt = this.now()
      held?.()
    }, Math.max(0, state.answeredAt + this.intervalMs - now))
  }

  /** Drops what is held for a connection that left. */
  forget(connection: RoomConnection): void {
    const kinds = this.states.get(connection)
    if (!kinds) return
    for (const state of kinds.values()) if (state.timer !== null) clearTimeout(state.timer)
    this.states.delete(connection)
  }
}
