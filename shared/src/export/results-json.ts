/**
 * The results record as plain JSON data for other tools (and archiving): the model with times as ISO 8601
 * strings (UTC) and a format tag, so `JSON.stringify` needs no replacer and readers can recognise the file.
 */
import type { FieldOfAction } from '../api.js'
import type { ResultsLocale } from './results-labels.js'
import type { ResultsItemType, ResultsRecord, ResultsRelation } from './results-record.js'

/** Format tag of {@link ResultsJson}. */
export const RESULTS_JSON_FORMAT = 'quartierboard-results'
/** Version of {@link ResultsJson}; bump when its shape changes (2: item types geo, relation, arrow; `area`, `relation`). */
export const RESULTS_JSON_VERSION = 2

/** The JSON form of a results record. */
export interface ResultsJson {
  format: typeof RESULTS_JSON_FORMAT
  version: typeof RESULTS_JSON_VERSION
  locale: ResultsLocale
  workshop: { title: string; field: FieldOfAction; fieldLabel: string }
  session: { title: string; startedAt: string; endedAt: string | null } | null
  participantCount: number
  generatedAt: string
  /** The past moment the board shows (ISO 8601), or null for the board as it was when generated. */
  moment: string | null
  groups: Array<{
    frameId: string | null
    title: string
    items: Array<{
      id: string
      order: number
      type: ResultsItemType
      text: string
      color: string
      colorLabel: string
      area: string | null
      relation: ResultsRelation | null
      author: string | null
      at: string | null
      votes: number
    }>
  }>
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString()
}

/** The results record as a plain, JSON-serialisable object (fresh copies, no Maps or Dates). */
export function resultsToJson(model: ResultsRecord): ResultsJson {
  return {
    format: RESULTS_JSON_FORMAT,
    version: RESULTS_JSON_VERSION,
    locale: model.locale,
    workshop: { ...model.workshop },
    session: model.session
      ? {
          title: model.session.title,
          startedAt: iso(model.session.startedAt),
          endedAt: model.session.endedAt === null ? null : iso(model.session.endedAt),
        }
      : null,
    participantCount: model.participantCount,
    generatedAt: iso(model.generatedAt),
    moment: model.moment === null ? null : iso(model.moment),
    groups: model.groups.map((group) => ({
      frameId: group.frameId,
      title: group.title,
      items: group.items.map((item) => ({
        ...item,
        relation: item.relation ? { ...item.relation } : null,
        at: item.at === null ? null : iso(item.at),
      })),
    })),
  }
}
