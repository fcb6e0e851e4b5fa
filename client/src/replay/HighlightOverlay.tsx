/**
 * Outlines over the replay canvas: one rectangle per highlighted shape, in viewport coordinates
 * computed from the editor's page bounds and camera, so they follow panning and zooming. Mounted
 * as tldraw's `InFrontOfTheCanvas` component; what to outline comes through `HighlightContext`.
 */
import { useEditor, useValue, type TLShapeId } from '@tldraw/tldraw'
import { createContext, useContext } from 'react'

export interface Highlight {
  shapeId: string
  color: string
  /** Which feature asked for it (attribution or compare), for tests and styling. */
  kind: 'author' | 'added' | 'changed'
}

export const HighlightContext = createContext<readonly Highlight[]>([])

interface Box {
  key: string
  shapeId: string
  kind: Highlight['kind']
  color: string
  x: number
  y: number
  w: number
  h: number
}

const PADDING = 6

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
        <rect
          key={box.key}
          data-shape-id={box.shapeId}
          data-kind={box.kind}
          x={box.x}
          y={box.y}
          width={Math.max(0, box.w)}
          height={Math.max(0, box.h)}
          rx={6}
          fill="none"
          stroke={box.color}
          strokeWidth={box.kind === 'author' ? 3 : 2.5}
          strokeDasharray={box.kind === 'author' ? undefined : '7 4'}
        />
      ))}
    </svg>
  )
}
