/** Validates a request body with a zod schema; a mismatch is a 400 naming every problem. */
import type { z } from 'zod'
import { HttpError } from './errors.js'

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')
    throw new HttpError(400, 'invalid_request', problems)
  }
  return parsed.data
}
