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

/** Request body of `POST /api/workshops`. */
export const CreateWorkshopRequest = z.object({
  title: z.string().trim().min(1).max(200),
  field: z.enum(FIELDS_OF_ACTION).optional(),
})
export type CreateWorkshopRequest = z.infer<typeof CreateWorkshopRequest>

export const Workshop = z.object({
  id: z.string(),
  title: z.string(),
  field: z.enum(FIELDS_OF_ACTION),
  createdAt: z.string(),
})
export type Workshop = z.infer<typeof Workshop>

/** Response of `POST /api/workshops` (201). Tokens are issued from issue 2/7 on; until then they are absent. */
export const CreateWorkshopResponse = Workshop.extend({
  tokens: z.record(z.enum(ROLES), z.string()).optional(),
  links: z.record(z.enum(ROLES), z.string()),
})
export type CreateWorkshopResponse = z.infer<typeof CreateWorkshopResponse>

/** Response of `GET /api/workshops/:id`. */
export const GetWorkshopResponse = Workshop.extend({ role: z.enum(ROLES) })
export type GetWorkshopResponse = z.infer<typeof GetWorkshopResponse>

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
