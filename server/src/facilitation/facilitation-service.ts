/**
 * Facilitation on the server: the facilitator's actions (timer, lock, summon, steps, private
 * mode, votes) become server changes of the board's `facilitation` map, so they reach everyone
 * live, are stored and logged like edits, and replay with the board.
 *
 * Two kinds of state stay off the board until their time: dots of an open vote (each voter sees
 * only their own; the counts are written to the board when the vote closes) and private sticky
 * notes of silent brainstorming (kept per owner, put on the board all at once by the reveal).
 * Voters and owners are identity ids (server/src/identities/): the routes take them from the
 * request's identity secret, never from the request.
 */
import { randomBytes } from 'node:crypto'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import {
  FACILITATION_KEY,
  FACILITATION_KEYS,
  countVotes,
  dotsLeft,
  readFacilitation,
  changeDot,
  pauseTimer,
  resumeTimer,
  type FacilitationState,
  type LockState,
  type PrivateModeState,
  type StepState,
  type SummonState,
  type TimerState,
  type VoteState,
} from '@quartierboard/shared'
import type { RoomManager } from '../rooms/room-manager.js'
import type { BoardStore } from '../store/board-store.js'
import { applyRecordChanges, recordsOfDoc } from '../workshops/board-state.js'
import { privateNoteProblem, revealedNote } from './private-notes.js'

export class FacilitationError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface FacilitationServiceOptions {
  store: BoardStore
  rooms: RoomManager
  schema: TLSchema
  now?: () => number
}

type Key = keyof typeof FACILITATION_KEYS

export class FacilitationService {
  private readonly now: () => number
  /** Per workshop and voter, the dot change in progress: one voter's changes run one after another. */
  private readonly dotChanges = new Map<string, Promise<unknown>>()

  constructor(private readonly options: FacilitationServiceOptions) {
    this.now = options.now ?? Date.now
  }

  /** The current facilitation state of a workshop's board. */
  state(workshopId: string): Promise<FacilitationState> {
    return this.options.rooms.withRoom(workshopId, (room) => readFacilitation(room.doc))
  }

  startTimer(workshopId: string, durationMs: number): Promise<TimerState> {
    const timer: TimerState = { id: newId(), durationMs, endsAt: this.now() + durationMs, pausedRemainingMs: null }
    return this.write(workshopId, 'timer', timer)
  }

  async pauseOrResumeTimer(workshopId: string, pause: boolean): Promise<TimerState> {
    const { timer } = await this.state(workshopId)
    if (!timer) throw new FacilitationError(404, 'no_timer', 'No timer is set.')
    return this.write(workshopId, 'timer', pause ? pauseTimer(timer, this.now()) : resumeTimer(timer, this.now()))
  }

  async stopTimer(workshopId: string): Promise<void> {
    await this.write(workshopId, 'timer', null)
  }

  setLock(workshopId: string, locked: boolean): Promise<LockState> {
    return this.write(workshopId, 'lock', { locked, changedAt: this.now() })
  }

  summon(workshopId: string, userId: string, name: string): Promise<SummonState> {
    return this.write(workshopId, 'summon', { id: newId(), userId, name, at: this.now() })
  }

  nextStep(workshopId: string, title: string): Promise<StepState> {
    return this.write(workshopId, 'step', { id: newId(), title, startedAt: this.now() })
  }

  /**
   * Turns private mode on or off. Turning it off without a reveal keeps the notes private (their
   * authors still see them); `reveal` puts them on the board.
   */
  async setPrivateMode(workshopId: string, on: boolean, anonymous: boolean): Promise<PrivateModeState> {
    return this.write(workshopId, 'privateMode', { on, anonymous, changedAt: this.now() })
  }

  /** Puts every private note on the board at once (authors removed when the mode is anonymous). */
  async reveal(workshopId: string): Promise<{ revealed: number }> {
    const notes = await this.options.store.privateNotes(workshopId)
    const { privateMode } = await this.state(workshopId)
    const anonymous = privateMode?.anonymous ?? false
    const records = notes.map((note) => revealedNote(note.record as unknown as TLRecord, anonymous))
    await this.options.rooms.withRoom(workshopId, async (room) => {
      room.applyServerChange((doc) => {
        applyRecordChanges(doc, records, [])
        doc.getMap(FACILITATION_KEY).set(FACILITATION_KEYS.privateMode, { on: false, anonymous, changedAt: this.now() })
      }, 'facilitator:reveal')
      await room.flush()
    })
    if (!anonymous) await this.creditOwners(workshopId, notes)
    await this.options.store.clearPrivateNotes(workshopId)
    return { revealed: records.length }
  }

  async savePrivateNote(workshopId: string, owner: string, record: Record<string, unknown>): Promise<void> {
    const problem = privateNoteProblem(record, this.options.schema)
    if (problem) throw new FacilitationError(400, 'invalid_private_note', problem)
    const { privateMode } = await this.state(workshopId)
    if (!privateMode?.on) throw new FacilitationError(409, 'private_mode_off', 'Private mode is not on.')
    const shapeId = String(record.id)
    const onBoard = await this.options.rooms.withRoom(workshopId, (room) => recordsOfDoc(room.doc).some((existing) => existing.id === shapeId))
    if (onBoard) throw new FacilitationError(409, 'id_taken', 'A shape with this id is already on the board.')
    const stored = await this.options.store.putPrivateNote(workshopId, { shapeId, owner, record, updatedAt: this.now() })
    if (!stored) throw new FacilitationError(403, 'not_your_note', 'This note belongs to someone else.')
  }

  async openVote(workshopId: string, frameId: string, dotsPerPerson: number): Promise<VoteState> {
    const { vote } = await this.state(workshopId)
    if (vote?.status === 'open') throw new FacilitationError(409, 'vote_open', 'A vote is already open; close it first.')
    const frameExists = await this.options.rooms.withRoom(workshopId, (room) =>
      recordsOfDoc(room.doc).some((record) => record.id === frameId && record.typeName === 'shape' && (record as { type?: string }).type === 'frame'),
    )
    if (!frameExists) throw new FacilitationError(404, 'frame_not_found', 'No frame with this id is on the board.')
    return this.write(workshopId, 'vote', {
      id: newId(),
      frameId,
      dotsPerPerson,
      status: 'open',
      openedAt: this.now(),
      closedAt: null,
      results: null,
      voters: null,
    })
  }

  /** Closes the open vote: counts the dots of the notes still in the frame and shows them to all. */
  async closeVote(workshopId: string, voteId: string): Promise<VoteState> {
    const vote = await this.openVoteWithId(workshopId, voteId)
    const ballots = await this.options.store.ballots(workshopId, voteId)
    const eligible = await this.notesOfFrame(workshopId, vote.frameId)
    const { results, voters } = countVotes(ballots, eligible)
    return this.write(workshopId, 'vote', { ...vote, status: 'closed', closedAt: this.now(), results, voters })
  }

  /**
   * Adds (+1) or takes back (-1) one of a voter's dots; returns the voter's dots after the change.
   * A voter's changes are serialised, so calls issued at once cannot together place more dots
   * than the vote allows (each reads the dots the previous one wrote).
   */
  changeDot(workshopId: string, voteId: string, voter: string, shapeId: string, delta: 1 | -1): Promise<{ dots: Record<string, number>; left: number }> {
    const key = `${workshopId}\u0000${voter}`
    const previous = this.dotChanges.get(key) ?? Promise.resolve()
    const change = previous.catch(() => undefined).then(() => this.changeDotNow(workshopId, voteId, voter, shapeId, delta))
    this.dotChanges.set(key, change)
    const forget = () => {
      if (this.dotChanges.get(key) === change) this.dotChanges.delete(key)
    }
    change.then(forget, forget)
    return change
  }

  private async changeDotNow(workshopId: string, voteId: string, voter: string, shapeId: string, delta: 1 | -1): Promise<{ dots: Record<string, number>; left: number }> {
    const vote = await this.openVoteWithId(workshopId, voteId)
    const mine = await this.options.store.dotsOf(workshopId, voteId, voter)
    if (delta === 1) {
      const eligible = await this.notesOfFrame(workshopId, vote.frameId)
      if (!eligible.has(shapeId)) throw new FacilitationError(400, 'not_in_vote', 'This note is not part of the vote.')
      if (dotsLeft(mine, vote.dotsPerPerson) === 0) throw new FacilitationError(409, 'no_dots_left', 'All your dots are placed.')
    } else if (!mine[shapeId]) {
      throw new FacilitationError(409, 'no_dot_here', 'You have no dot on this note.')
    }
    const next = changeDot(mine, shapeId, delta)
    await this.options.store.setDots(workshopId, voteId, voter, next)
    return { dots: { ...next }, left: dotsLeft(next, vote.dotsPerPerson) }
  }

  async myDots(workshopId: string, voteId: string, voter: string): Promise<{ dots: Record<string, number>; left: number }> {
    const { vote } = await this.state(workshopId)
    if (!vote || vote.id !== voteId) throw new FacilitationError(404, 'vote_not_found', 'No such vote.')
    const dots = await this.options.store.dotsOf(workshopId, voteId, voter)
    return { dots, left: dotsLeft(dots, vote.dotsPerPerson) }
  }

  private async openVoteWithId(workshopId: string, voteId: string): Promise<VoteState> {
    const { vote } = await this.state(workshopId)
    if (!vote || vote.id !== voteId) throw new FacilitationError(404, 'vote_not_found', 'No such vote.')
    if (vote.status !== 'open') throw new FacilitationError(409, 'vote_closed', 'This vote is closed.')
    return vote
  }

  /** Sticky notes whose parent chain reaches the frame. */
  private notesOfFrame(workshopId: string, frameId: string): Promise<Set<string>> {
    return this.options.rooms.withRoom(workshopId, (room) => {
      const records = new Map(recordsOfDoc(room.doc).map((record) => [record.id as string, record]))
      const inFrame = (record: TLRecord): boolean => {
        let parent = (record as { parentId?: string }).parentId
        for (let depth = 0; parent && depth < 50; depth++) {
          if (parent === frameId) return true
          parent = (records.get(parent) as { parentId?: string } | undefined)?.parentId
        }
        return false
      }
      return new Set([...records.values()].filter((record) => (record as { type?: string }).type === 'note' && inFrame(record)).map((record) => record.id))
    })
  }

  /** Revealed notes count for their owners in the results record (by the last connection of the owner's identity). */
  private async creditOwners(workshopId: string, notes: Array<{ shapeId: string; owner: string; updatedAt: number }>): Promise<void> {
    const authors = await this.options.store.listAuthors(workshopId)
    for (const note of notes) {
      const connection = authors.filter((author) => author.identityId === note.owner).at(-1)
      if (connection) await this.options.store.setRecordCreator(workshopId, note.shapeId, connection.connectionId, note.updatedAt)
    }
  }

  private async write<T>(workshopId: string, key: Key, value: T): Promise<T> {
    await this.options.rooms.withRoom(workshopId, async (room) => {
      room.applyServerChange((doc) => {
        const map = doc.getMap(FACILITATION_KEY)
        if (value === null) map.delete(FACILITATION_KEYS[key])
        else map.set(FACILITATION_KEYS[key], value)
      }, `facilitator:${key}`)
      await room.flush()
    })
    return value
  }
}

function newId(): string {
  return randomBytes(9).toString('base64url')
}
