/**
 * Dot-vote counting. Each person has `dotsPerPerson` dots for the notes of one frame and may put
 * several on one note; dots on notes that are no longer in the frame do not count.
 */

/** One person's dots: shape id -> number of dots. */
export type Dots = Readonly<Record<string, number>>

/** Dots a person has left. */
export function dotsLeft(mine: Dots, dotsPerPerson: number): number {
  return Math.max(0, dotsPerPerson - Object.values(mine).reduce((sum, count) => sum + count, 0))
}

/** Whether a person may put one more dot on `shapeId`. */
export function canAddDot(mine: Dots, dotsPerPerson: number, shapeId: string, eligible: ReadonlySet<string>): boolean {
  return eligible.has(shapeId) && dotsLeft(mine, dotsPerPerson) > 0
}

/** `mine` with one dot more (or, with `delta` -1, one fewer) on `shapeId`. */
export function changeDot(mine: Dots, shapeId: string, delta: 1 | -1): Dots {
  const next = { ...mine, [shapeId]: Math.max(0, (mine[shapeId] ?? 0) + delta) }
  if (next[shapeId] === 0) delete next[shapeId]
  return next
}

/** Total dots per shape over every voter, counting only eligible shapes, and how many people voted. */
export function countVotes(ballots: ReadonlyMap<string, Dots>, eligible: ReadonlySet<string>): { results: Record<string, number>; voters: number } {
  const results: Record<string, number> = {}
  for (const id of eligible) results[id] = 0
  let voters = 0
  for (const dots of ballots.values()) {
    let counted = false
    for (const [shapeId, count] of Object.entries(dots)) {
      if (!eligible.has(shapeId) || count <= 0) continue
      results[shapeId] = (results[shapeId] ?? 0) + count
      counted = true
    }
    if (counted) voters += 1
  }
  return { results, voters }
}
