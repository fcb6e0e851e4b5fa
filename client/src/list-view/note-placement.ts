/**
 * Where a note added from the list view goes inside its frame. The frame is read as a grid of
 * note-sized cells (a gap between them and along the frame's edges), row by row, left to right;
 * the note takes the first cell that no shape already in the frame reaches into. When every cell
 * inside is taken, the first free cell lies below the frame's bottom edge, and the frame is to grow
 * to hold it: so a new note is always inside its frame and never on top of another shape.
 *
 * Pure geometry in the frame's own coordinates (its top-left corner is 0,0).
 */

/** A rectangle in the frame's coordinates. */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** Space between notes, and between notes and the frame's edge (page units). */
export const NOTE_GAP = 20

/** Where the note goes and how large the frame must be for it (at least its current size). */
export interface NoteSpot {
  x: number
  y: number
  frame: { w: number; h: number }
}

/** Whether two boxes overlap (touching edges do not). */
function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/** The first free grid cell for a `note`-sized box in `frame`, given the boxes of the shapes inside it. */
export function freeNoteSpot(frame: { w: number; h: number }, occupied: readonly Box[], note: { w: number; h: number }, gap = NOTE_GAP): NoteSpot {
  const stepX = note.w + gap
  const stepY = note.h + gap
  const columns = Math.max(1, Math.floor((frame.w - gap) / stepX))
  // Below the lowest shape every cell is free, so the search ends there at the latest.
  const lowest = occupied.reduce((bottom, box) => Math.max(bottom, box.y + box.h), 0)
  const rows = Math.max(1, Math.ceil((lowest - gap) / stepY) + 1)
  for (let row = 0; row <= rows; row++) {
    for (let column = 0; column < columns; column++) {
      const x = gap + column * stepX
      const y = gap + row * stepY
      // Half a gap around the cell keeps the new note clear of its neighbours, not just off them.
      const cell: Box = { x: x - gap / 2, y: y - gap / 2, w: note.w + gap, h: note.h + gap }
      if (occupied.some((box) => overlaps(cell, box))) continue
      return { x, y, frame: { w: Math.max(frame.w, x + note.w + gap), h: Math.max(frame.h, y + note.h + gap) } }
    }
  }
  // Not reached: the row below `lowest` is free. Kept so the function is total.
  const y = gap + (rows + 1) * stepY
  return { x: gap, y, frame: { w: Math.max(frame.w, gap + note.w + gap), h: Math.max(frame.h, y + note.h + gap) } }
}
