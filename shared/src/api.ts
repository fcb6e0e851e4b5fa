/**
 * Shapes of the JSON API under `/api` (ARCHITECTURE.md, "Network contract"), as zod schemas so the
 * server validates requests with them and the client can parse responses.
 */
import { z } from 'zod'

/** Fields of action a workshop can belong to. */
export const FIELDS_OF_ACTION = ['zentrenentwicklung', 'quartiersentwicklung', 'klein-mittelstaedte', 'other'] as const
export type FieldOfAction = (typeof FIELDS_OF_ACTION)[number]

export const ROLES = ['facilitator', 'participant', 'reviewer'] as const
export type Role = (typeof ROLES)[number]

const Title = z.string().trim().min(1).max(200)

/** The time zone a workshop's times are shown in (record, PDF, dashboard, replay) unless it sets another. */
export const DEFAULT_WORKSHOP_TIME_ZONE = 'Europe/Berlin'

/** True for an IANA time zone name this runtime knows (e.g. `Europe/Berlin`). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('de-DE', { timeZone: value })
    return true
  } catch {
    return false
  }
}

const TimeZone = z.string().max(64).refine(isTimeZone, 'Unknown time zone (an IANA name such as Europe/Berlin).')
const Description = z.string().trim().max(5000)

/** Request body of `POST /api/workshops`. */
export const CreateWorkshopRequest = z.strictObject({
  title: Title,
  field: z.enum(FIELDS_OF_ACTION).optional(),
  description: Description.optional(),
})
export type CreateWorkshopRequest = z.infer<typeof CreateWorkshopRequest>

/** Request body of `PATCH /api/workshops/:id` (facilitator): any subset of the editable fields. */
export const UpdateWorkshopRequest = z.strictObject({
  title: Title.optional(),
  field: z.enum(FIELDS_OF_ACTION).optional(),
  description: Description.optional(),
  /** Whether reviewers' cursors and names appear to everyone else on the board. */
  reviewersInPresence: z.boolean().optional(),
  /** IANA time zone for every time shown of this workshop. */
  timeZone: TimeZone.optional(),
})
export type UpdateWorkshopRequest = z.infer<typeof UpdateWorkshopRequest>

export const Workshop = z.object({
  id: z.string(),
  title: z.string(),
  field: z.enum(FIELDS_OF_ACTION),
  description: z.string(),
  createdAt: z.string(),
  reviewersInPresence: z.boolean(),
  /** IANA time zone the workshop's times are shown in (default Europe/Berlin). */
  timeZone: z.string(),
})
export type Workshop = z.infer<typeof Workshop>

/** The capability token of each role, and the link that carries it. */
export const RoleTokens = z.object({ facilitator: z.string(), participant: z.string(), reviewer: z.string() })
export type RoleTokens = z.infer<typeof RoleTokens>

/** Response of `POST /api/workshops` (201) and `GET /api/workshops/:id/links` (facilitator). */
export const CreateWorkshopResponse = Workshop.extend({ tokens: RoleTokens, links: RoleTokens })
export type CreateWorkshopResponse = z.infer<typeof CreateWorkshopResponse>

/** Response of `POST /api/workshops/:id/links/:role/rotate` (facilitator): the links after rotation. */
export const RotateLinkResponse = z.object({ role: z.enum(ROLES), tokens: RoleTokens, links: RoleTokens })
export type RotateLinkResponse = z.infer<typeof RotateLinkResponse>

/** A workshop session ("Perspektivenwerkstatt 15. März"): at most one runs at a time. */
export const Session = z.object({
  id: z.string(),
  title: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
})
export type Session = z.infer<typeof Session>

/** Response of `GET /api/workshops/:id`: the workshop, the caller's role and the running session. */
export const GetWorkshopResponse = Workshop.extend({ role: z.enum(ROLES), runningSession: Session.nullable() })
export type GetWorkshopResponse = z.infer<typeof GetWorkshopResponse>

/** Request body of `POST /api/workshops/:id/sessions` (facilitator). */
export const StartSessionRequest = z.strictObject({ title: Title })
export type StartSessionRequest = z.infer<typeof StartSessionRequest>

export const SessionList = z.object({ sessions: z.array(Session) })
export type SessionList = z.infer<typeof SessionList>

export const SNAPSHOT_KINDS = ['auto', 'named', 'final'] as const
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number]

/** A stored copy of the board at one moment. */
export const Snapshot = z.object({
  id: z.string(),
  sessionId: z.string().nullable(),
  kind: z.enum(SNAPSHOT_KINDS),
  label: z.string(),
  /**
   * Role of whoever caused it (`facilitator`), or `server` for automatic ones. A snapshot of kind
   * `auto` caused by the facilitator is the backup a restore or a replacing import took first.
   */
  author: z.string(),
  createdAt: z.string(),
  shapes: z.number().int(),
  bytes: z.number().int(),
})
export type Snapshot = z.infer<typeof Snapshot>

export const SnapshotList = z.object({ snapshots: z.array(Snapshot) })
export type SnapshotList = z.infer<typeof SnapshotList>

/** Request body of `POST /api/workshops/:id/snapshots` (facilitator). */
export const TakeSnapshotRequest = z.strictObject({ label: Title })
export type TakeSnapshotRequest = z.infer<typeof TakeSnapshotRequest>

/** Request body of `POST /api/workshops/:id/snapshots/:snap/restore` (facilitator). */
export const RestoreSnapshotRequest = z.strictObject({
  /** Label of the snapshot of the current board taken before restoring (the client localises it). */
  backupLabel: Title.optional(),
})
export type RestoreSnapshotRequest = z.infer<typeof RestoreSnapshotRequest>

/** Response of a restore: the snapshot that holds the board as it was before. */
export const RestoreSnapshotResponse = z.object({ restored: Snapshot, backup: Snapshot })
export type RestoreSnapshotResponse = z.infer<typeof RestoreSnapshotResponse>

/** Response of `POST /api/workshops/:id/assets` (201). */
export const UploadAssetResponse = z.object({ url: z.string() })
export type UploadAssetResponse = z.infer<typeof UploadAssetResponse>

/** Every API error: `{ error: { code, message } }` with a fitting HTTP status. */
export const ApiError = z.object({ error: z.object({ code: z.string(), message: z.string() }) })
export type ApiError = z.infer<typeof ApiError>

/** Image types accepted as board assets, and the upload size limit. */
export const ACCEPTED_ASSET_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml'] as const
export const MAX_ASSET_BYTES = 10 * 1024 * 1024

/** Response of `GET /api/config`: run-time settings the client needs before it mounts tldraw. */
export const ClientConfig = z.object({ tldrawLicenseKey: z.string().nullable() })
export type ClientConfig = z.infer<typeof ClientConfig>

/** Someone who changed the board: one entry per connection, with the name and colour it showed. */
export const HistoryAuthor = z.object({
  /** Connection id: the author recorded with each update. */
  id: z.string(),
  /** The presence user id the connection showed (`user:<identity id>` once it presents an identity). */
  userId: z.string().nullable(),
  /** The identity the connection presented (one person's tabs share it), or null for a connection without one. */
  identityId: z.string().nullable(),
  name: z.string(),
  color: z.string(),
  role: z.enum(ROLES),
  updates: z.number().int(),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
})
export type HistoryAuthor = z.infer<typeof HistoryAuthor>

/**
 * Response of `GET /api/workshops/:id/history/creators`: who first wrote each record (connection id
 * of its author, as in `HistoryAuthor.id`). Notes revealed from silent brainstorming are written by
 * the server, but their creator here is the person who wrote them.
 */
export const HistoryCreators = z.object({ creators: z.array(z.object({ id: z.string(), author: z.string(), at: z.string() })) })
export type HistoryCreators = z.infer<typeof HistoryCreators>

/** Response of `GET /api/workshops/:id/history?session=sid`: the timeline of a session (or of the whole workshop). */
export const History = z.object({
  session: Session.nullable(),
  /** The timeline runs from `from` to `to` (ISO times). */
  from: z.string(),
  to: z.string(),
  /** Updates per bucket of `bucketMs`, starting at `from` (for a sparkline). */
  bucketMs: z.number().int().positive(),
  activity: z.array(z.number().int()),
  authors: z.array(HistoryAuthor),
  snapshots: z.array(Snapshot),
  /** Finest time step replay can show: 0 while every update is kept, the coalescing window afterwards. */
  resolutionMs: z.number().int(),
  /** Number of stored updates in the range. */
  updates: z.number().int(),
})
export type History = z.infer<typeof History>

/** One stored update in a range: when, by whom, and which records it wrote or deleted. */
export const HistoryChange = z.object({
  at: z.string(),
  author: z.string(),
  /** Records the update put (added or changed). */
  put: z.array(z.string()),
  /** Records the update removed. */
  removed: z.array(z.string()),
})
export type HistoryChange = z.infer<typeof HistoryChange>

/** Response of `GET /api/workshops/:id/history/changes?from=&to=`: updates with from < time <= to. */
export const HistoryChanges = z.object({ changes: z.array(HistoryChange), truncated: z.boolean() })
export type HistoryChanges = z.infer<typeof HistoryChanges>

/** Response of `GET /api/workshops/:id/history/step?at=&direction=next|previous`: the nearest change time, or null. */
export const HistoryStep = z.object({ at: z.string().nullable() })
export type HistoryStep = z.infer<typeof HistoryStep>

/** Response of `GET /api/workshops/:id/state?at=&format=json`: the board's records as they were at `at`. */
export const BoardState = z.object({ at: z.string(), records: z.array(z.record(z.string(), z.unknown())) })
export type BoardState = z.infer<typeof BoardState>

export const IMPORT_MODES = ['replace', 'add-page'] as const
export type ImportMode = (typeof IMPORT_MODES)[number]

/** Response of `POST /api/workshops/:id/import?mode=replace|add-page` (facilitator; body: a .tldr file). */
export const ImportResponse = z.object({
  mode: z.enum(IMPORT_MODES),
  shapes: z.number().int(),
  /** Pages the import created (add-page) or the board now has (replace). */
  pageIds: z.array(z.string()),
  /** The snapshot of the board as it was before a replacing import ("Vor dem Import"; restoring it undoes the import); null for add-page. */
  backup: Snapshot.nullable(),
})
export type ImportResponse = z.infer<typeof ImportResponse>

/** Response of `GET /api/time`: the server clock, for timer offsets. */
export const ServerTime = z.object({ now: z.number() })
export type ServerTime = z.infer<typeof ServerTime>

/** `POST /api/workshops/:id/facilitation/timer` (facilitator). */
export const StartTimerRequest = z.strictObject({ durationMs: z.number().int().min(1000).max(24 * 3600_000) })
/** `PUT /api/workshops/:id/facilitation/lock` (facilitator). */
export const LockRequest = z.strictObject({ locked: z.boolean() })
/** `POST /api/workshops/:id/facilitation/summon` (facilitator): everyone follows this user. */
export const SummonRequest = z.strictObject({ userId: z.string().min(1).max(100), name: z.string().max(100) })
/** `POST /api/workshops/:id/facilitation/step` (facilitator): a new step; everyone's "done" resets. */
export const StepRequest = z.strictObject({ title: z.string().trim().max(200) })
/** `PUT /api/workshops/:id/facilitation/private` (facilitator). */
export const PrivateModeRequest = z.strictObject({ on: z.boolean(), anonymous: z.boolean().optional() })
/** `POST /api/workshops/:id/votes` (facilitator): open a vote on the notes of a frame. */
export const OpenVoteRequest = z.strictObject({ frameId: z.string().min(1).max(200), dotsPerPerson: z.number().int().min(1).max(20) })

/** `POST /api/workshops/:id/votes/:vote/dots` and `DELETE .../dots`: one dot; the voter is the identity of `X-Identity`. */
export const DotRequest = z.strictObject({ shapeId: z.string().min(1).max(200) })
/** A participant's own dots in a vote (the only counts anyone sees while it is open). */
export const MyDots = z.object({ voteId: z.string(), dots: z.record(z.string(), z.number().int()), left: z.number().int() })
export type MyDots = z.infer<typeof MyDots>

/** A private sticky note (silent brainstorming), as its author's browser sends it; the owner is the identity of `X-Identity`. */
export const PrivateNoteRequest = z.strictObject({ record: z.record(z.string(), z.unknown()) })
export const PrivateNotes = z.object({ records: z.array(z.record(z.string(), z.unknown())) })
export type PrivateNotes = z.infer<typeof PrivateNotes>

// Identities: who a person is within a workshop (see docs/ACCESS.md, "People, not only roles").

/** Header that carries an identity's secret on HTTP requests (the WebSocket takes `?identity=`). */
export const IDENTITY_HEADER = 'X-Identity'
/** Query parameter that carries an identity's secret on the sync WebSocket. */
export const IDENTITY_QUERY_PARAM = 'identity'
/** Error code of a wrong or unknown identity secret (HTTP 401); the socket's close reason (4401) starts with it. */
export const INVALID_IDENTITY = 'invalid_identity'

/** Public identity ids: 22 characters of base64url (128 random bits). */
export const IdentityId = z.string().regex(/^[A-Za-z0-9_-]{22}$/)

/** Response of `POST /api/workshops/:id/identities` (201, any role): a new identity for this browser. */
export const IssuedIdentity = z.object({
  /** Public and random: shown in presence (as `user:<id>`), recorded with authors, dots and private notes. */
  id: IdentityId,
  /** Sent as `X-Identity` (HTTP) or `?identity=` (socket); the server stores only its SHA-256. */
  secret: z.string().min(44).max(200),
})
export type IssuedIdentity = z.infer<typeof IssuedIdentity>

/** The presence user id (awareness `user.id`, tldraw's `instance_presence.userId`) of an identity. */
export function presenceIdOf(identityId: string): string {
  return `user:${identityId}`
}
