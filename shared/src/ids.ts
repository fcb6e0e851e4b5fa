/** Workshop ids: 1-64 characters of letters, digits, `_` and `-`. Anything else is rejected, never rewritten. */
export const WORKSHOP_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** True when `id` is a syntactically valid workshop id. */
export function isValidWorkshopId(id: unknown): id is string {
  return typeof id === 'string' && WORKSHOP_ID_PATTERN.test(id)
}
