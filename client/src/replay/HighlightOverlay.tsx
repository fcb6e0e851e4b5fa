/**
 * Outlines over the replay canvas: one rectangle per highlighted shape, in viewport coordinates
 * computed from the editor's page bounds and camera, so they follow panning and zooming. Mounted
 * as tldraw's `InFrontOfTheCanvas` component; what to outline comes through `HighlightContext`.
 * An author outline carries the person's initials in a tag at its top left; the tag is drawn in
 * screen pixels, so it keeps its size (and stays readable) at any zoom.
 */
import { useEditor, useValue, type TLShapeId } from '@tldraw/tldraw'
import { createContext, useContext } from 'react'

export interface Highlight {
  shapeId: string
  color: string
  /** Which feature asked for it (attribution or compare), for tests and styling. */
  kind: 'author' | 'added' | 'changed'
  /** SVG dash array; author outlines are solid unless their style says otherwise. */
  dash?: string | null
  /** Initials shown on the outline, with the text colour that reads on `color`. */
  label?: { text: string; textColor: string }
}

export const HighlightContext = createContext<readonly Highlight[]>([])

interface Box {
  key: string
  shapeId: string
  kind: Highlight['kind']
  color: string
  dash: string | null
  label: Highlight['label'] | null
  x: number
  y: number
  w: number
  h: number
}

const PADDING = 6
const TAG_HEIGHT = 18
const TAG_FONT_PX = 12
/** Rough width of one tag character at TAG_FONT_PX (bold sans): enough for "PM2". */
const TAG_CHAR_PX = 8.5

export function HighlightOverlay() {
  const editor = useEditor()
  const highlights = useContext(HighlightContext)
  const boxes = useValue(
    'replay highlight boxes',
    () => {
      const result: Box[] = []
      highlights.forEach((highlight, index) => {
        const bounds = editor.getShapePageBounds(highlight.shapeId as TLShapeId)
        if (!bounds) return
        const topLeft = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
        const bottomRight = editor.pageToViewport({ x: bounds.maxX, y: bounds.maxY })
        // Compare outlines sit a little further out than author outlines, so both stay visible.
        const pad = highlight.kind === 'author' ? PADDING : PADDING + 5
        result.push({
          key: `${highlight.kind}-${highlight.shapeId}-${index}`,
          shapeId: highlight.shapeId,
          kind: highlight.kind,
          color: highlight.color,
          dash: highlight.dash !== undefined ? highlight.dash : highlight.kind === 'author' ? null : '7 4',
          label: highlight.label ?? null,
          x: topLeft.x - pad,
          y: topLeft.y - pad,
          w: bottomRight.x - topLeft.x + 2 * pad,
          h: bottomRight.y - topLeft.y + 2 * pad,
        })
      })
      return result
    },
    [editor, highlights],
  )
  return (
    <svg className="replay-overlay" data-testid="replay-highlights" aria-hidden="true">
      {boxes.map((box) => (
        <g key={box.key} data-shape-id={box.shapeId} data-kind={box.kind} data-label={box.label?.text}>
          <rect
            x={box.x}
            y={box.y}
            width={Math.max(0, box.w)}
            height={Math.max(0, box.h)}
            rx={6}
            fill="none"
            stroke={box.color}
            strokeWidth={box.kind === 'author' ? 3 : 2.5}
            strokeDasharray={box.dash ?? undefined}
          />
          {box.label && (
            <g transform={`translate(${box.x} ${box.y - TAG_HEIGHT + 2})`}>
              <rect width={box.label.text.length * TAG_CHAR_PX + 10} height={TAG_HEIGHT} rx={4} fill={box.color} />
              <text x={5} y={TAG_HEIGHT - 5} fontSize={TAG_FONT_PX} fontWeight={700} fontFamily="system-ui, sans-serif" fill={box.label.textColor}>
                {box.label.text}
              </text>
            </g>
          )}
        </g>
      ))}
    </svg>
  )
}
