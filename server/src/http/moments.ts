/** Moments in query strings: epoch milliseconds or an ISO time. */

/** The moment as epoch ms, or null when the text is neither. */
export function parseMoment(value: string): number | null {
  if (/^\d{1,15}$/.test(value)) return Number(value)
  const parsed = Date.parse(value)
  return Number.isNaN(parsed) ? null : parsed
}
