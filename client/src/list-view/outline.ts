/**
 * The board as the list view shows it: one section per frame, in the results record's order
 * (`buildResultsRecord`, which reads frames through `framesInReadingOrder`), each with the
 * record's contributions (notes, texts, labelled shapes, relations) in reading order, then the
 * contributions outside every frame. On top of the record, per item: who last wrote a note
 * (tldraw keeps `textLastEditedBy`; names come from the board's `user` records), whether it is this
 * person's own (they may change and delete it), whether it is one of their private notes, and its
 * part in the vote.
 *
 * Pure: it takes records, so the same function serves the live store and the unit tests.
 */
import { buildResultsRecord, framesInReadingOrder, PRIVATE_NOTE_META, type ResultsItemType, type ResultsLocale, type VoteState } from '@quartierboard/shared'
import type { TLRecord } from '@tldraw/tldraw'
import { notesInFrame } from '../facilitation/vote-notes'

/** One contribution in the list. */
export interface OutlineItem {
  id: string
  type: ResultsItemType
  /** Plain text as on the board (a relation as its sentence). */
  text: string
  colorLabel: string
  /** The labelled area the item lies in (the actor map's fields), if any. */
  area: string | null
  /** Who last wrote the note's text, when the board knows (notes only). */
  author: string | null
  /** A note this person wrote last: they may change and delete it here. */
  own: boolean
  /** One of this person's private notes (silent brainstorming): nobody else sees it until the reveal. */
  private: boolean
  /** Whether the note takes part in the current vote. */
  inVote: boolean
  /** Dots it got, once the vote is closed. */
  votes: number
}

/** A frame (or, `frameId` null, the part of the board outside every frame) with its contributions. */
export interface OutlineSection {
  frameId: string | null
  title: string
  /** 0 for a frame on the page, 1 for a frame in a frame, ... */
  depth: number
  items: OutlineItem[]
}

export interface OutlineOptions {
  locale: ResultsLocale
  /** This person's id as tldraw records it in `textLastEditedBy` (see `attributionIdOf`); null: no own notes. */
  selfId: string | null
  vote: VoteState | null
}

/** The id tldraw writes into `textLastEditedBy` for a presence user id (`user:abc` → `abc`). */
export function attributionIdOf(presenceUserId: string): string {
  return presenceUserId.startsWith('user:') ? presenceUserId.slice('user:'.length) : presenceUserId
}

interface ShapeFields {
  id: string
  type: string
  parentId: string
  meta: Record<string, unknown>
  props: Record<string, unknown>
}

function shapesOf(records: readonly TLRecord[]): ShapeFields[] {
  return records.filter((record) => record.typeName === 'shape') as unknown as ShapeFields[]
}

/** Names by `user` record id, for the authors of notes. */
function namesOf(records: readonly TLRecord[]): Map<string, string> {
  const names = new Map<string, string>()
  for (const record of records) {
    if (record.typeName !== 'user') continue
    const name = (record as { name?: unknown }).name
    if (typeof name === 'string' && name.trim()) names.set(record.id, name)
  }
  return names
}

function depthsOf(records: readonly TLRecord[]): Map<string, number> {
  const frames = framesInReadingOrder(records)
  const parents = new Map(frames.map((frame) => [frame.id, frame.parentFrameId]))
  const depths = new Map<string, number>()
  for (const frame of frames) {
    let depth = 0
    for (let parent = frame.parentFrameId; parent && depth < 20; parent = parents.get(parent) ?? null) depth++
    depths.set(frame.id, depth)
  }
  return depths
}

/** The list view's sections (see the module header). */
export function buildOutline(records: readonly TLRecord[], options: OutlineOptions): OutlineSection[] {
  const shapes = new Map(shapesOf(records).map((shape) => [shape.id, shape]))
  const names = namesOf(records)
  const { vote } = options
  const voting = new Set(vote ? notesInFrame([...shapes.values()], vote.frameId) : [])
  const record = buildResultsRecord({
    workshop: { title: '', field: 'other' },
    participantCount: 0,
    records,
    generatedAt: 0,
    locale: options.locale,
  })
  const depths = depthsOf(records)

  return record.groups.map((group) => ({
    frameId: group.frameId,
    title: group.title,
    depth: group.frameId ? (depths.get(group.frameId) ?? 0) : 0,
    items: group.items.map((item): OutlineItem => {
      const shape = shapes.get(item.id)
      const editor = item.type === 'note' ? shape?.props.textLastEditedBy : null
      const editorId = typeof editor === 'string' && editor ? editor : null
      return {
        id: item.id,
        type: item.type,
        text: item.text,
        colorLabel: item.colorLabel,
        area: item.area,
        author: editorId ? (names.get(`user:${editorId}`) ?? null) : null,
        own: editorId !== null && editorId === options.selfId,
        private: shape?.meta[PRIVATE_NOTE_META] === true,
        inVote: voting.has(item.id),
        votes: vote?.status === 'closed' ? (vote.results?.[item.id] ?? 0) : 0,
      }
    }),
  }))
}
