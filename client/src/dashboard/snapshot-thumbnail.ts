/**
 * A snapshot's thumbnail, drawn from its records without an editor: each shape of the first page
 * as a box in its colour, at its page position (children of frames and groups are offset by their
 * parents). Cheap enough for a list of dozens of snapshots; the real picture opens in the viewer.
 */

export interface ThumbnailBox {
  x: number
  y: number
  w: number
  h: number
  color: string
  kind: 'frame' | 'note' | 'shape'
}

interface LooseRecord {
  id?: unknown
  typeName?: unknown
  type?: unknown
  parentId?: unknown
  index?: unknown
  x?: unknown
  y?: unknown
  props?: Record<string, unknown>
}

/** tldraw colour names, roughly as tldraw's light theme draws them. */
const PALETTE: Record<string, string> = {
  black: '#1d1d1d', grey: '#9fa8b2', 'light-violet': '#e085f4', violet: '#ae3ec9', blue: '#4465e9', 'light-blue': '#4ba1f1',
  yellow: '#f1ac4b', orange: '#e16919', green: '#099268', 'light-green': '#4cb05e', 'light-red': '#f87777', red: '#e03131', white: '#ffffff',
}

/** tldraw draws a "black" sticky note in its classic yellow. */
const NOTE_BLACK = '#fce19c'

const number = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback)

/** The boxes to draw for a snapshot's records, on the first page by index. */
export function thumbnailBoxes(records: readonly LooseRecord[]): ThumbnailBox[] {
  const byId = new Map(records.map((record) => [String(record.id), record]))
  const pages = records
    .filter((record) => record.typeName === 'page')
    .sort((a, b) => String(a.index).localeCompare(String(b.index)))
  const firstPage = pages[0]?.id
  const pageOffset = (record: LooseRecord, depth = 0): { x: number; y: number; page: unknown } => {
    const parent = byId.get(String(record.parentId))
    if (!parent || parent.typeName !== 'shape' || depth > 50) return { x: 0, y: 0, page: record.parentId }
    const above = pageOffset(parent, depth + 1)
    return { x: above.x + number(parent.x, 0), y: above.y + number(parent.y, 0), page: above.page }
  }
  const boxes: ThumbnailBox[] = []
  for (const record of records) {
    if (record.typeName !== 'shape' || record.type === 'group') continue
    const offset = pageOffset(record)
    if (offset.page !== firstPage) continue
    const props = record.props ?? {}
    const kind = record.type === 'frame' ? 'frame' : record.type === 'note' ? 'note' : 'shape'
    const size = kind === 'note' ? 200 * number(props.scale, 1) : 0
    boxes.push({
      x: offset.x + number(record.x, 0),
      y: offset.y + number(record.y, 0),
      w: Math.max(number(props.w, size || 100), 4),
      h: Math.max(number(props.h, size || 100) + number(props.growY, 0), 4),
      color: kind === 'note' && (props.color ?? 'black') === 'black' ? NOTE_BLACK : (PALETTE[String(props.color)] ?? PALETTE.black!),
      kind,
    })
  }
  return boxes
}

/** The smallest box around all boxes, with a margin; a unit box when there is nothing. */
export function thumbnailViewBox(boxes: readonly ThumbnailBox[]): { x: number; y: number; w: number; h: number } {
  if (boxes.length === 0) return { x: 0, y: 0, w: 1, h: 1 }
  const minX = Math.min(...boxes.map((box) => box.x))
  const minY = Math.min(...boxes.map((box) => box.y))
  const maxX = Math.max(...boxes.map((box) => box.x + box.w))
  const maxY = Math.max(...boxes.map((box) => box.y + box.h))
  const margin = Math.max(maxX - minX, maxY - minY) * 0.05
  return { x: minX - margin, y: minY - margin, w: maxX - minX + 2 * margin, h: maxY - minY + 2 * margin }
}
