/**
 * The expensive half of the heavy reads: turning stored bytes into a board and the board into an
 * answer (a Yjs state, JSON records, a .tldr file, the changes of a time range, a results record).
 * Every job is a plain function of plain data, so it runs the same in a board worker
 * (board-worker.ts) as in a test; what it needs from the store is read before and passed in.
 * Answers that are text come back as text, so the event loop only sends them.
 */
import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import * as Y from 'yjs'
import {
  KeyedEntries,
  RECORDS_KEY,
  buildResultsRecord,
  readFacilitation,
  resultsToCsv,
  resultsToJson,
  resultsToMarkdown,
  toTldrFile,
  type BoardState,
  type FieldOfAction,
  type HistoryChange,
  type HistoryChanges,
  type ResultsAuthor,
  type ResultsLocale,
} from '@quartierboard/shared'
import { recordsOfDoc } from '../workshops/board-state.js'
import { docOfSource, type BoardSource } from './board-at-time.js'

/** One logged update, as the changes of a time range need it. */
export interface LoggedUpdate {
  time: number
  author: string
  data: Uint8Array
}

/** What a results record needs besides the board, read from the store beforehand. */
export interface ResultsContext {
  workshop: { title: string; field: FieldOfAction }
  session: { title: string; startedAt: number; endedAt: number | null } | null
  participantCount: number
  /** Who first wrote each record: record id → connection id and time. */
  creators: Array<[string, { author: string; time: number }]>
  /** The name each connection showed: connection id → name. */
  authorNames: Array<[string, string]>
  generatedAt: number
  /** The past moment the board was cut at, or null for the board as it is now. */
  moment: number | null
  locale: ResultsLocale
  /** The workshop's time zone, for every date and time in the record. */
  timeZone: string
}

export type BoardJob =
  /** The board as one Yjs update. */
  | { kind: 'state'; source: BoardSource }
  /** The board's records as `BoardState` JSON (`at` is its moment) or as a .tldr file. */
  | { kind: 'records'; source: BoardSource; format: 'json' | 'tldr'; at: number }
  /** `HistoryChanges` JSON: which records each of `updates` wrote or removed, applied on top of `source`. */
  | { kind: 'changes'; source: BoardSource; updates: LoggedUpdate[]; truncated: boolean }
  /** The results record as Markdown, CSV or JSON. */
  | { kind: 'results'; source: BoardSource; format: 'md' | 'csv' | 'json'; context: ResultsContext }

/** A job's answer: the state job's bytes, every other job's text. */
export type BoardJobResult<J extends BoardJob> = J extends { kind: 'state' } ? Uint8Array : string

export function runBoardJob<J extends BoardJob>(job: J, schema: TLSchema): BoardJobResult<J>
export function runBoardJob(job: BoardJob, schema: TLSchema): Uint8Array | string {
  const doc = docOfSource(job.source)
  try {
    switch (job.kind) {
      case 'state':
        return Y.encodeStateAsUpdate(doc)
      case 'records':
        return recordsText(recordsOfDoc(doc), job.format, job.at, schema)
      case 'changes':
        return JSON.stringify(changesOn(doc, job.updates, job.truncated))
      case 'results':
        return resultsText(doc, job.format, job.context)
    }
  } finally {
    doc.destroy()
  }
}

function recordsText(records: TLRecord[], format: 'json' | 'tldr', at: number, schema: TLSchema): string {
  if (format === 'tldr') return JSON.stringify(toTldrFile(records, schema))
  const body: BoardState = { at: new Date(at).toISOString(), records: records as unknown as BoardState['records'] }
  return JSON.stringify(body)
}

/**
 * Applies `updates` in order while the records array is watched, so "removed" is known even though
 * an update names only the items it deletes, not their keys.
 */
function changesOn(doc: Y.Doc, updates: readonly LoggedUpdate[], truncated: boolean): HistoryChanges {
  const records = new KeyedEntries<unknown>(doc.getArray(RECORDS_KEY))
  try {
    const changes: HistoryChange[] = []
    for (const update of updates) {
      const put: string[] = []
      const removed: string[] = []
      const stop = records.onChange((keyChanges) => {
        for (const [key, change] of keyChanges) (change.action === 'delete' ? removed : put).push(key)
      })
      Y.applyUpdate(doc, update.data)
      stop()
      changes.push({ at: new Date(update.time).toISOString(), author: update.author, put, removed })
    }
    return { changes, truncated }
  } finally {
    records.dispose()
  }
}

function resultsText(doc: Y.Doc, format: 'md' | 'csv' | 'json', context: ResultsContext): string {
  const records = recordsOfDoc(doc)
  const vote = readFacilitation(doc).vote
  const model = buildResultsRecord({
    workshop: context.workshop,
    session: context.session,
    participantCount: context.participantCount,
    records,
    authors: authorsOf(records, context),
    // Dots per note of the last closed vote.
    votes: new Map(vote?.status === 'closed' ? Object.entries(vote.results ?? {}) : []),
    generatedAt: context.generatedAt,
    moment: context.moment,
    locale: context.locale,
    timeZone: context.timeZone,
  })
  if (format === 'md') return resultsToMarkdown(model)
  if (format === 'csv') return resultsToCsv(model)
  return JSON.stringify(resultsToJson(model))
}

/** Who created each shape, by the name their connection showed. */
function authorsOf(records: readonly TLRecord[], context: ResultsContext): Map<string, ResultsAuthor> {
  const creators = new Map(context.creators)
  const names = new Map(context.authorNames)
  const authors = new Map<string, ResultsAuthor>()
  for (const record of records) {
    const creator = creators.get(record.id)
    if (creator) authors.set(record.id, { name: names.get(creator.author) ?? '', at: creator.time })
  }
  return authors
}
