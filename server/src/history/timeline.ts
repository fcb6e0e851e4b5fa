/**
 * The timeline of a session (or of a whole workshop) for the replay page: its time range, update
 * counts per bucket for a sparkline, who changed the board how often, and the snapshot markers.
 */
import type { History, HistoryAuthor } from '@quartierboard/shared'
import { publicSession, publicSnapshot } from '../workshops/views.js'
import type { BoardStore, SessionRecord, WorkshopRecord } from '../store/board-store.js'

/** The sparkline has at most about this many buckets. */
const TARGET_BUCKETS = 240
const BUCKET_STEPS_MS = [1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000, 86_400_000]

/** The smallest "round" bucket that keeps the bucket count near the target. */
export function bucketSizeFor(rangeMs: number): number {
  return BUCKET_STEPS_MS.find((step) => rangeMs / step <= TARGET_BUCKETS) ?? BUCKET_STEPS_MS.at(-1)!
}

export async function buildHistory(store: BoardStore, workshop: WorkshopRecord, session: SessionRecord | null, now: number): Promise<History> {
  const workshopId = workshop.id
  const from = session ? session.startedAt : workshop.createdAt
  const to = Math.max(from, session?.endedAt ?? now)
  const bucketMs = bucketSizeFor(to - from)
  const [activity, logged, known, snapshots, creators] = await Promise.all([
    store.activity(workshopId, from, to, bucketMs),
    store.authorActivity(workshopId, from, to),
    store.listAuthors(workshopId),
    store.listSnapshots(workshopId, session?.id),
    store.recordCreators(workshopId),
  ])
  const byConnection = new Map(known.map((author) => [author.connectionId, author]))
  // People whose notes the server put on the board (a reveal) wrote no update themselves, but they
  // are authors too: listed with 0 updates, so the replay can name them (see /history/creators).
  const perAuthor = [...logged]
  const listed = new Set(logged.map((entry) => entry.author))
  for (const creator of creators.values()) {
    if (listed.has(creator.author) || creator.time < from || creator.time > to || !byConnection.has(creator.author)) continue
    listed.add(creator.author)
    perAuthor.push({ author: creator.author, updates: 0, first: creator.time, last: creator.time })
  }
  const authors: HistoryAuthor[] = perAuthor
    .map((activityOfAuthor) => {
      const author = byConnection.get(activityOfAuthor.author)
      return {
        id: activityOfAuthor.author,
        userId: author?.userId ?? null,
        identityId: author?.identityId ?? null,
        name: author?.name ?? '',
        color: author?.color ?? '#868e96',
        role: author?.role ?? roleOfServerAuthor(activityOfAuthor.author),
        updates: activityOfAuthor.updates,
        firstAt: new Date(activityOfAuthor.first).toISOString(),
        lastAt: new Date(activityOfAuthor.last).toISOString(),
      }
    })
    .sort((a, b) => b.updates - a.updates)
  return {
    session: session ? publicSession(session) : null,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    bucketMs,
    activity,
    authors,
    snapshots: snapshots.map(publicSnapshot),
    resolutionMs: session?.coalescedMs ?? 0,
    updates: activity.reduce((sum, count) => sum + count, 0),
  }
}

/** Changes the server made itself are logged as `facilitator:<action>`. */
function roleOfServerAuthor(author: string): HistoryAuthor['role'] {
  return author.startsWith('facilitator:') ? 'facilitator' : 'participant'
}
