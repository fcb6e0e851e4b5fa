/**
 * `GET /api/workshops/:id/export?format=tldr|md|csv|json[&at=<moment>][&locale=de|en]`: the board
 * as a .tldr file, or its results record (Ergebnisprotokoll) as Markdown, CSV or JSON, built on
 * the server without a browser. Without `at` it is the board as it is now; with `at`, as it was
 * then (cut from the history). Exports run one at a time per workshop, and identical requests
 * share one (history/heavy-reads.ts).
 */
import express, { type Router } from 'express'
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import {
  buildResultsRecord,
  readFacilitation,
  resultsToCsv,
  resultsToJson,
  resultsToMarkdown,
  toTldrFile,
  type ResultsAuthor,
  type ResultsLocale,
} from '@quartierboard/shared'
import type * as Y from 'yjs'
import { boardDocAt } from '../history/board-at-time.js'
import { HeavyReads } from '../history/heavy-reads.js'
import { parseMoment } from './moments.js'
import type { RoomManager } from '../rooms/room-manager.js'
import type { BoardStore, SessionRecord, WorkshopRecord } from '../store/board-store.js'
import { recordsOfDoc } from '../workshops/board-state.js'
import { accessOf, authorize } from './authorize.js'
import { HttpError } from './errors.js'
import { attachmentName } from './file-names.js'

const FORMATS = ['tldr', 'md', 'csv', 'json'] as const
type ExportFormat = (typeof FORMATS)[number]

const CONTENT_TYPES: Record<ExportFormat, string> = {
  tldr: 'application/json',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
}

export interface ExportRouterOptions {
  store: BoardStore
  rooms: RoomManager
  schema: TLSchema
  now?: () => number
  /** Shared with the history router, so that all heavy reads of a workshop take turns. */
  heavyReads?: HeavyReads
}

export function exportRouter({ store, rooms, schema, now = Date.now, heavyReads = new HeavyReads() }: ExportRouterOptions): Router {
  const router = express.Router({ mergeParams: true })

  router.get('/export', authorize(store, 'export'), async (req, res) => {
    const format = (req.query.format ?? 'tldr') as ExportFormat
    if (!FORMATS.includes(format)) throw new HttpError(400, 'invalid_format', `Formats are ${FORMATS.join(', ')}.`)
    const locale: ResultsLocale = req.query.locale === 'en' ? 'en' : 'de'
    const { workshop } = accessOf(res)
    let at: number | null = null
    if (req.query.at !== undefined) {
      at = typeof req.query.at === 'string' ? parseMoment(req.query.at) : null
      if (at === null) throw new HttpError(400, 'invalid_moment', 'at must be an ISO time or epoch milliseconds.')
    }
    const label = locale === 'de' ? (format === 'tldr' ? 'Board' : 'Ergebnisprotokoll') : format === 'tldr' ? 'Board' : 'Results'
    const { moment, text } = await heavyReads.run(workshop.id, `export:${format}:${locale}:${at ?? 'now'}`, async () => {
      const board = at === null ? await currentBoard(rooms, workshop.id) : await boardAtMoment(store, workshop.id, at)
      const moment = at ?? now()
      if (format === 'tldr') return { moment, text: JSON.stringify(toTldrFile(board.records, schema)) }
      return { moment, text: await resultsText(store, workshop, board, format, locale, moment, now()) }
    })
    res.set('Content-Disposition', attachmentName(workshop.title, label, moment, format))
    res.type(CONTENT_TYPES[format])
    res.send(text)
  })

  return router
}

/** The results record (Ergebnisprotokoll) of `board` as Markdown, CSV or JSON. */
async function resultsText(
  store: BoardStore,
  workshop: Pick<WorkshopRecord, 'id' | 'title' | 'field'>,
  board: BoardForExport,
  format: Exclude<ExportFormat, 'tldr'>,
  locale: ResultsLocale,
  moment: number,
  generatedAt: number,
): Promise<string> {
  const session = await sessionAt(store, workshop.id, moment)
  const model = buildResultsRecord({
    workshop: { title: workshop.title, field: workshop.field },
    session: session ? { title: session.title, startedAt: session.startedAt, endedAt: session.endedAt } : null,
    participantCount: await participantCount(store, workshop.id, session),
    records: board.records,
    authors: await creatorsOf(store, workshop.id, board.records),
    votes: board.votes,
    generatedAt,
    locale,
  })
  if (format === 'md') return resultsToMarkdown(model)
  if (format === 'csv') return resultsToCsv(model)
  return JSON.stringify(resultsToJson(model))
}

interface BoardForExport {
  records: TLRecord[]
  /** Dots per note of the last closed vote. */
  votes: Map<string, number>
}

function boardOf(doc: Y.Doc): BoardForExport {
  const vote = readFacilitation(doc).vote
  return { records: recordsOfDoc(doc), votes: new Map(vote?.status === 'closed' ? Object.entries(vote.results ?? {}) : []) }
}

function currentBoard(rooms: RoomManager, workshopId: string): Promise<BoardForExport> {
  return rooms.withRoom(workshopId, async (room) => {
    await room.flush()
    return boardOf(room.doc)
  })
}

async function boardAtMoment(store: BoardStore, workshopId: string, at: number): Promise<BoardForExport> {
  const { doc } = await boardDocAt(store, workshopId, at)
  try {
    return boardOf(doc)
  } finally {
    doc.destroy()
  }
}

/** The session running at `moment`, or else the last one that started before it. */
async function sessionAt(store: BoardStore, workshopId: string, moment: number): Promise<SessionRecord | null> {
  const sessions = await store.listSessions(workshopId)
  const before = sessions.filter((session) => session.startedAt <= moment)
  return before.find((session) => session.endedAt === null || session.endedAt >= moment) ?? before.at(-1) ?? null
}

/**
 * People (not connections) who took part: distinct participant ids of facilitators and
 * participants who joined or changed the board during the session (or ever, without a session).
 */
async function participantCount(store: BoardStore, workshopId: string, session: SessionRecord | null): Promise<number> {
  const from = session?.startedAt ?? 0
  const to = session?.endedAt ?? Number.MAX_SAFE_INTEGER
  const [authors, activity] = await Promise.all([store.listAuthors(workshopId), store.authorActivity(workshopId, from, to)])
  const changed = new Set(activity.map((entry) => entry.author))
  const people = new Set<string>()
  for (const author of authors) {
    if (author.role === 'reviewer') continue
    const joinedDuring = author.firstSeen >= from && author.firstSeen <= to
    if (joinedDuring || changed.has(author.connectionId)) people.add(author.userId ?? `${author.name}\u0000${author.color}`)
  }
  return people.size
}

/** Who created each shape, by the name their connection showed. */
async function creatorsOf(store: BoardStore, workshopId: string, records: readonly TLRecord[]): Promise<Map<string, ResultsAuthor>> {
  const [creators, authors] = await Promise.all([store.recordCreators(workshopId), store.listAuthors(workshopId)])
  const names = new Map(authors.map((author) => [author.connectionId, author.name]))
  const result = new Map<string, ResultsAuthor>()
  for (const record of records) {
    const creator = creators.get(record.id)
    if (!creator) continue
    result.set(record.id, { name: names.get(creator.author) ?? '', at: creator.time })
  }
  return result
}
