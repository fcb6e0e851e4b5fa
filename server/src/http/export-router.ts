/**
 * `GET /api/workshops/:id/export?format=tldr|md|csv|json[&at=<moment>][&locale=de|en]`: the board
 * as a .tldr file, or its results record (Ergebnisprotokoll) as Markdown, CSV or JSON, built on
 * the server without a browser. Without `at` it is the board as it is now; with `at`, as it was
 * then (cut from the history). Exports run one at a time per workshop, and identical requests
 * share one (history/heavy-reads.ts); the board is decoded and the answer built in a board worker
 * (history/board-worker-pool.ts).
 */
import express, { type Router } from 'express'
import type { ResultsLocale } from '@quartierboard/shared'
import { boardSourceAt, type BoardSource } from '../history/board-at-time.js'
import type { ResultsContext } from '../history/board-jobs.js'
import type { BoardWorkerPool } from '../history/board-worker-pool.js'
import { HeavyReads } from '../history/heavy-reads.js'
import { parseMoment } from './moments.js'
import type { RoomManager } from '../rooms/room-manager.js'
import type { AuthorRecord, BoardStore, SessionRecord, WorkshopRecord } from '../store/board-store.js'
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
  boardWorkers: BoardWorkerPool
  now?: () => number
  /** Shared with the history router, so that all heavy reads of a workshop take turns. */
  heavyReads?: HeavyReads
}

export function exportRouter({ store, rooms, boardWorkers, now = Date.now, heavyReads = new HeavyReads() }: ExportRouterOptions): Router {
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
      const source = at === null ? await currentBoard(store, rooms, workshop.id) : await boardSourceAt(store, workshop.id, at)
      const moment = at ?? now()
      if (format === 'tldr') return { moment, text: await boardWorkers.run({ kind: 'records', source, format: 'tldr', at: moment }) }
      const context = await resultsContext(store, workshop, locale, { moment, past: at !== null }, now())
      return { moment, text: await boardWorkers.run({ kind: 'results', source, format, context }) }
    })
    res.set('Content-Disposition', attachmentName(workshop.title, label, moment, format))
    res.type(CONTENT_TYPES[format])
    res.send(text)
  })

  return router
}

/**
 * The board as it is now, read from the store once the room stored all it accepted: the same
 * board as the room's document, without encoding that document on the event loop.
 */
async function currentBoard(store: BoardStore, rooms: RoomManager, workshopId: string): Promise<BoardSource> {
  await rooms.stored(workshopId)
  const { checkpoint, updates } = await store.loadBoard(workshopId)
  return { checkpoint, updates: updates.map((update) => update.data) }
}

/** What the results record needs from the store besides the board. */
async function resultsContext(
  store: BoardStore,
  workshop: Pick<WorkshopRecord, 'id' | 'title' | 'field' | 'timeZone'>,
  locale: ResultsLocale,
  { moment, past }: { moment: number; past: boolean },
  generatedAt: number,
): Promise<ResultsContext> {
  const session = await sessionAt(store, workshop.id, moment)
  const [creators, authors] = await Promise.all([store.recordCreators(workshop.id), store.listAuthors(workshop.id)])
  return {
    workshop: { title: workshop.title, field: workshop.field },
    session: session ? { title: session.title, startedAt: session.startedAt, endedAt: session.endedAt } : null,
    participantCount: await participantCount(store, workshop.id, authors, session),
    creators: [...creators],
    authorNames: authors.map((author) => [author.connectionId, author.name]),
    generatedAt,
    moment: past ? moment : null,
    locale,
    timeZone: workshop.timeZone,
  }
}

/** The session running at `moment`, or else the last one that started before it. */
async function sessionAt(store: BoardStore, workshopId: string, moment: number): Promise<SessionRecord | null> {
  const sessions = await store.listSessions(workshopId)
  const before = sessions.filter((session) => session.startedAt <= moment)
  return before.find((session) => session.endedAt === null || session.endedAt >= moment) ?? before.at(-1) ?? null
}

/**
 * People (not connections or tabs) who took part: distinct identities of facilitators and
 * participants who joined or changed the board during the session (or ever, without a session).
 * A connection without an identity (a client of another make) counts by the user id or the name
 * and colour it showed.
 */
async function participantCount(store: BoardStore, workshopId: string, authors: readonly AuthorRecord[], session: SessionRecord | null): Promise<number> {
  const from = session?.startedAt ?? 0
  const to = session?.endedAt ?? Number.MAX_SAFE_INTEGER
  const activity = await store.authorActivity(workshopId, from, to)
  const changed = new Set(activity.map((entry) => entry.author))
  const people = new Set<string>()
  for (const author of authors) {
    if (author.role === 'reviewer') continue
    const joinedDuring = author.firstSeen >= from && author.firstSeen <= to
    if (joinedDuring || changed.has(author.connectionId)) people.add(author.identityId ?? author.userId ?? `${author.name}\u0000${author.color}`)
  }
  return people.size
}
