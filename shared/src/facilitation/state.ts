/**
 * The `facilitation` map of a board document: workshop state that is not drawing. Only the
 * server writes it (facilitators change it through the API, see server/src/facilitation), so
 * it is trustworthy for every client, it syncs live, and it is part of the history that replay
 * shows. Each key holds one plain JSON value; readers parse it leniently (an unknown or broken
 * value reads as "not set").
 */
import { z } from 'zod'
import type * as Y from 'yjs'
import { FACILITATION_KEY } from '../layout.js'

/** Keys of the facilitation map. */
export const FACILITATION_KEYS = {
  timer: 'timer',
  lock: 'lock',
  vote: 'vote',
  summon: 'summon',
  privateMode: 'privateMode',
  step: 'step',
} as const

/** A countdown in server time (epoch ms). While paused, `pausedRemainingMs` holds what is left. */
export const TimerState = z.object({
  id: z.string(),
  durationMs: z.number().int().positive(),
  endsAt: z.number(),
  pausedRemainingMs: z.number().nullable(),
})
export type TimerState = z.infer<typeof TimerState>

/** The board is frozen for everyone while `locked`. */
export const LockState = z.object({ locked: z.boolean(), changedAt: z.number() })
export type LockState = z.infer<typeof LockState>

/** A dot vote on the sticky notes of one frame. Counts appear only once it is closed. */
export const VoteState = z.object({
  id: z.string(),
  frameId: z.string(),
  dotsPerPerson: z.number().int().positive(),
  status: z.enum(['open', 'closed']),
  openedAt: z.number(),
  closedAt: z.number().nullable(),
  /** Dots per shape id, once closed. */
  results: z.record(z.string(), z.number().int().nonnegative()).nullable(),
  /** How many people voted, once closed. */
  voters: z.number().int().nonnegative().nullable(),
})
export type VoteState = z.infer<typeof VoteState>

/** "Bring everyone to me": clients follow `userId` when a new summon arrives. */
export const SummonState = z.object({ id: z.string(), userId: z.string(), name: z.string(), at: z.number() })
export type SummonState = z.infer<typeof SummonState>

/** Silent brainstorming: new sticky notes stay with their author until the reveal. */
export const PrivateModeState = z.object({
  on: z.boolean(),
  /** Whether authors stay anonymous after the reveal. */
  anonymous: z.boolean(),
  changedAt: z.number(),
})
export type PrivateModeState = z.infer<typeof PrivateModeState>

/** The current step of the workshop; participants mark themselves done with it. */
export const StepState = z.object({ id: z.string(), title: z.string(), startedAt: z.number() })
export type StepState = z.infer<typeof StepState>

export interface FacilitationState {
  timer: TimerState | null
  lock: LockState | null
  vote: VoteState | null
  summon: SummonState | null
  privateMode: PrivateModeState | null
  step: StepState | null
}

const SCHEMAS = {
  timer: TimerState,
  lock: LockState,
  vote: VoteState,
  summon: SummonState,
  privateMode: PrivateModeState,
  step: StepState,
} as const

/** The facilitation state of a board document. */
export function readFacilitation(doc: Y.Doc): FacilitationState {
  const map = doc.getMap<unknown>(FACILITATION_KEY)
  const read = <K extends keyof typeof SCHEMAS>(key: K) => {
    const parsed = SCHEMAS[key].safeParse(map.get(FACILITATION_KEYS[key]))
    return (parsed.success ? parsed.data : null) as FacilitationState[K]
  }
  return {
    timer: read('timer'),
    lock: read('lock'),
    vote: read('vote'),
    summon: read('summon'),
    privateMode: read('privateMode'),
    step: read('step'),
  }
}

/** True while the board is frozen. */
export function isBoardLocked(doc: Y.Doc): boolean {
  return readFacilitation(doc).lock?.locked === true
}
