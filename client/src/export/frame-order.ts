/**
 * The order of frames in exports ("frame order"): rows from top to bottom, each row from left to
 * right. Frames belong to one row when they overlap vertically by at least half of the smaller
 * one's height, so a hand-placed row of frames that wobbles (or mixes heights) stays one row.
 */

/** A frame's page bounds (page units). */
export interface FrameBox {
  id: string
  x: number
  y: number
  w: number
  h: number
}

function compareIds(a: FrameBox, b: FrameBox): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** True when `frame` overlaps the row (bounded by `top`..`bottom`, smallest height `minHeight`) by half its or the row's height. */
function joinsRow(frame: FrameBox, top: number, bottom: number, minHeight: number): boolean {
  const overlap = Math.min(bottom, frame.y + frame.h) - Math.max(top, frame.y)
  return overlap >= Math.min(minHeight, frame.h) / 2
}

/** The frames in reading order: top-to-bottom rows, left-to-right within a row; ties by id. */
export function inFrameOrder<T extends FrameBox>(frames: readonly T[]): T[] {
  const byTop = [...frames].sort((a, b) => a.y - b.y || a.x - b.x || compareIds(a, b))
  const ordered: T[] = []
  let row: T[] = []
  let top = 0
  let bottom = 0
  let minHeight = 0
  const flush = () => {
    ordered.push(...row.sort((a, b) => a.x - b.x || a.y - b.y || compareIds(a, b)))
    row = []
  }
  for (const frame of byTop) {
    if (row.length > 0 && joinsRow(frame, top, bottom, minHeight)) {
      row.push(frame)
      bottom = Math.max(bottom, frame.y + frame.h)
      minHeight = Math.min(minHeight, frame.h)
      continue
    }
    flush()
    row = [frame]
    top = frame.y
    // The row's extent is its first frame's: a tall frame must not swallow the rows beside it.
    bottom = frame.y + frame.h
    minHeight = frame.h
  }
  flush()
  return ordered
}
