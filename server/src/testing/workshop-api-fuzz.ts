/**
 * Test support for fuzzers of valid traffic: the facilitator's tools and each person's private
 * notes and dots, called through the HTTP API of a real server with random valid arguments, every
 * answer checked against a model of what the workshop holds. Each call returns a line for the
 * fuzzer's trace, or null when it does not apply now (no vote open for a dot, say).
 *
 * The model: the facilitation state (lock, timer, step, summon, private mode, vote), each
 * person's private notes and dots. The reveal writes the notes it puts on the board into the
 * expected board as the server's own writes.
 */
import { expect } from 'vitest'
import type * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { PRIVATE_NOTE_META, readFacilitation, type MyDots, type VoteState } from '@quartierboard/shared'
import { note } from './board-writes.js'
import { SERVER_LINEAGE, canonical, type ExpectedBoard } from './expected-board.js'
import { facilitate } from './facilitation-calls.js'
import type { Person } from './fuzz-browsers.js'
import { asPerson } from './identities.js'
import type { CreatedWorkshop } from './test-server.js'

type Random = () => number
const int = (random: Random, below: number) => Math.floor(random() * below)
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)]!

/** What the facilitation state must be, after the facilitator's calls so far. */
export interface FacilitationModel {
  locked: boolean
  timer: 'none' | 'running' | 'paused'
  step: string | null
  summon: string | null
  privateMode: { on: boolean; anonymous: boolean } | null
  vote: { id: string; dotsPerPerson: number; open: boolean } | null
}

export interface WorkshopApiFuzzOptions {
  httpUrl: string
  workshop: CreatedWorkshop
  random: Random
  people: readonly Person[]
  board: ExpectedBoard
  /** The frame the votes are on, and the notes in it that get dots (never deleted). */
  frameId: string
  voteNotes: readonly string[]
  /** A unique x for every note written, so every written value is unique. */
  nextX: () => number
  newShapeId: (kind: string) => string
}

export class WorkshopApiFuzz {
  readonly facilitation: FacilitationModel = { locked: false, timer: 'none', step: null, summon: null, privateMode: null, vote: null }
  /** Private notes each person holds on the server, by shape id. */
  private readonly privateNotes = new Map<Person, Map<string, TLRecord>>()
  /** Each person's dots in the open vote. */
  private readonly dots = new Map<Person, Record<string, number>>()
  /** Private notes the reveals put on the board. */
  revealed = 0
  private steps = 0

  constructor(private readonly options: WorkshopApiFuzzOptions) {
    for (const person of options.people) this.privateNotes.set(person, new Map())
  }

  private facilitate(method: string, path: string, body?: unknown): Promise<unknown> {
    return facilitate(this.options.httpUrl, this.options.workshop, method, path, body)
  }

  async timer(): Promise<string> {
    const model = this.facilitation
    const choice = this.options.random()
    if (model.timer === 'none' || choice < 0.2) {
      await this.facilitate('POST', '/facilitation/timer', { durationMs: 60_000 * (1 + int(this.options.random, 10)) })
      model.timer = 'running'
      return 'timer: start'
    }
    if (choice < 0.45) {
      await this.facilitate('DELETE', '/facilitation/timer')
      model.timer = 'none'
      return 'timer: stop'
    }
    const pausing = model.timer === 'running'
    const timer = (await this.facilitate('POST', `/facilitation/timer/${pausing ? 'pause' : 'resume'}`)) as { pausedRemainingMs: number | null }
    expect(timer.pausedRemainingMs === null).toBe(!pausing)
    model.timer = pausing ? 'paused' : 'running'
    return `timer: ${pausing ? 'pause' : 'resume'}`
  }

  async lock(): Promise<string | null> {
    if (this.facilitation.locked) return null
    await this.facilitate('PUT', '/facilitation/lock', { locked: true })
    this.facilitation.locked = true
    return 'lock: on'
  }

  async unlock(): Promise<string | null> {
    if (!this.facilitation.locked) return null
    await this.facilitate('PUT', '/facilitation/lock', { locked: false })
    this.facilitation.locked = false
    return 'unlock: off'
  }

  async nextStep(): Promise<string> {
    const title = `Schritt ${++this.steps}`
    const state = (await this.facilitate('POST', '/facilitation/step', { title })) as { title: string }
    expect(state.title).toBe(title)
    this.facilitation.step = title
    return `step: ${title}`
  }

  async summon(): Promise<string> {
    const person = pick(this.options.random, this.options.people)
    await this.facilitate('POST', '/facilitation/summon', { userId: person.presenceId, name: person.name })
    this.facilitation.summon = person.presenceId
    return `summon: ${person.name}`
  }

  async privateMode(): Promise<string> {
    const on = !(this.facilitation.privateMode?.on ?? false)
    const anonymous = this.options.random() < 0.3
    await this.facilitate('PUT', '/facilitation/private', { on, anonymous })
    this.facilitation.privateMode = { on, anonymous }
    return `private: ${on ? 'on' : 'off'}${anonymous ? ' (anonymous)' : ''}`
  }

  async reveal(): Promise<string> {
    const anonymous = this.facilitation.privateMode?.anonymous ?? false
    const notes = [...this.privateNotes.values()].flatMap((notes) => [...notes.values()])
    const answer = (await this.facilitate('POST', '/facilitation/private/reveal')) as { revealed: number }
    expect(answer.revealed).toBe(notes.length)
    for (const record of notes) {
      const { [PRIVATE_NOTE_META]: _flag, ...meta } = record.meta as Record<string, unknown>
      const props = (record as { props: Record<string, unknown> }).props
      this.options.board.write(SERVER_LINEAGE, { ...record, meta, props: anonymous ? { ...props, textLastEditedBy: null } : props } as TLRecord)
    }
    for (const notes of this.privateNotes.values()) notes.clear()
    this.facilitation.privateMode = { on: false, anonymous }
    this.revealed += notes.length
    return `reveal: ${notes.length} notes`
  }

  async vote(): Promise<string> {
    const vote = this.facilitation.vote
    if (!vote?.open) {
      const dotsPerPerson = 1 + int(this.options.random, 3)
      const opened = (await this.facilitate('POST', '/votes', { frameId: this.options.frameId, dotsPerPerson })) as VoteState
      this.facilitation.vote = { id: opened.id, dotsPerPerson, open: true }
      this.dots.clear()
      return `vote: open with ${dotsPerPerson} dots`
    }
    const closed = (await this.facilitate('POST', `/votes/${vote.id}/close`)) as VoteState
    const counts = Object.fromEntries(this.options.voteNotes.map((id) => [id, 0]))
    for (const mine of this.dots.values()) for (const [id, count] of Object.entries(mine)) counts[id]! += count
    expect(Object.fromEntries(this.options.voteNotes.map((id) => [id, closed.results?.[id]]))).toEqual(counts)
    expect(closed.voters).toBe([...this.dots.values()].filter((mine) => Object.values(mine).some((count) => count > 0)).length)
    vote.open = false
    return 'vote: close'
  }

  // Each person's API, with their own identity.

  private async callAs(person: Person, method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.options.httpUrl}/api/workshops/${this.options.workshop.id}${path}`, {
      method,
      headers: asPerson(this.options.workshop, 'participant', person.identity, { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${person.name}: ${method} ${path} answered ${response.status}: ${await response.text()}`)
    return response.status === 204 ? null : ((await response.json()) as unknown)
  }

  async privateNote(): Promise<string> {
    const person = pick(this.options.random, this.options.people)
    const mine = this.privateNotes.get(person)!
    const choice = this.options.random()
    if (choice < 0.55 && this.facilitation.privateMode?.on) {
      const existing = mine.size > 0 && this.options.random() < 0.3 ? pick(this.options.random, [...mine.keys()]) : null
      const id = existing ?? this.options.newShapeId('private')
      const record = note(id, this.options.random() < 0.5 ? this.options.frameId : 'page:page', `Still: ${id}`, person.presenceId, this.options.nextX(), { [PRIVATE_NOTE_META]: true })
      await this.callAs(person, 'PUT', `/private-notes/${encodeURIComponent(id)}`, { record })
      mine.set(id, record)
      return `private note: ${person.name} ${existing ? 'changes' : 'writes'} ${id}`
    }
    if (choice < 0.75 && mine.size > 0) {
      const id = pick(this.options.random, [...mine.keys()])
      await this.callAs(person, 'DELETE', `/private-notes/${encodeURIComponent(id)}`)
      mine.delete(id)
      return `private note: ${person.name} deletes ${id}`
    }
    const listed = (await this.callAs(person, 'GET', '/private-notes')) as { records: TLRecord[] }
    expect(new Map(listed.records.map((record) => [record.id, canonical(record)]))).toEqual(new Map([...mine].map(([id, record]) => [id, canonical(record)])))
    return `private note: ${person.name} lists ${listed.records.length}`
  }

  async dot(): Promise<string | null> {
    const vote = this.facilitation.vote
    if (!vote?.open) return null
    const person = pick(this.options.random, this.options.people)
    const mine = this.dots.get(person) ?? {}
    const placed = Object.values(mine).reduce((sum, count) => sum + count, 0)
    const choice = this.options.random()
    let answer: MyDots
    let what: string
    if (choice < 0.35 && placed > 0) {
      const shapeId = pick(this.options.random, Object.keys(mine))
      answer = (await this.callAs(person, 'DELETE', `/votes/${vote.id}/dots`, { shapeId })) as MyDots
      mine[shapeId]! -= 1
      if (mine[shapeId] === 0) delete mine[shapeId]
      what = `takes back ${shapeId}`
    } else if (choice < 0.85 && placed < vote.dotsPerPerson) {
      const shapeId = pick(this.options.random, this.options.voteNotes)
      answer = (await this.callAs(person, 'POST', `/votes/${vote.id}/dots`, { shapeId })) as MyDots
      mine[shapeId] = (mine[shapeId] ?? 0) + 1
      what = `places ${shapeId}`
    } else {
      answer = (await this.callAs(person, 'GET', `/votes/${vote.id}/mine`)) as MyDots
      what = 'lists'
    }
    this.dots.set(person, mine)
    const total = Object.values(mine).reduce((sum, count) => sum + count, 0)
    expect({ dots: answer.dots, left: answer.left }).toEqual({ dots: mine, left: vote.dotsPerPerson - total })
    return `dot: ${person.name} ${what}`
  }

  /** Checks the board's facilitation state against the model. */
  check(doc: Y.Doc): void {
    const state = readFacilitation(doc)
    const model = this.facilitation
    expect({
      locked: state.lock?.locked ?? false,
      timer: state.timer === null ? 'none' : state.timer.pausedRemainingMs === null ? 'running' : 'paused',
      step: state.step?.title ?? null,
      summon: state.summon?.userId ?? null,
      privateMode: state.privateMode && { on: state.privateMode.on, anonymous: state.privateMode.anonymous },
      vote: state.vote && { id: state.vote.id, dotsPerPerson: state.vote.dotsPerPerson, open: state.vote.status === 'open' },
    }).toEqual(model)
  }
}
