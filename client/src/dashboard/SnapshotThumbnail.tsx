/** A small picture of a snapshot, drawn client-side from its records (see snapshot-thumbnail.ts). */
import { useEffect, useState } from 'react'
import { getSnapshotFile } from '../api'
import { thumbnailBoxes, thumbnailViewBox, type ThumbnailBox } from './snapshot-thumbnail'

export function SnapshotThumbnail({ workshopId, snapshotId }: { workshopId: string; snapshotId: string }) {
  const [boxes, setBoxes] = useState<ThumbnailBox[] | null>(null)
  useEffect(() => {
    let cancelled = false
    getSnapshotFile(workshopId, snapshotId)
      .then((file) => !cancelled && setBoxes(thumbnailBoxes(file.records)))
      .catch(() => !cancelled && setBoxes([]))
    return () => {
      cancelled = true
    }
  }, [workshopId, snapshotId])
  if (boxes === null) return <div className="thumbnail thumbnail--loading" />
  const view = thumbnailViewBox(boxes)
  return (
    <svg className="thumbnail" data-testid="snapshot-thumbnail" data-shapes={boxes.length} viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`} role="img">
      {boxes.map((box, index) => (
        <rect
          key={index}
          x={box.x}
          y={box.y}
          width={box.w}
          height={box.h}
          rx={box.kind === 'note' ? 0 : Math.min(box.w, box.h) * 0.04}
          fill={box.kind === 'note' ? box.color : box.kind === 'frame' ? '#ffffff' : 'none'}
          stroke={box.kind === 'note' ? 'none' : box.color}
          strokeWidth={Math.max(view.w, view.h) * 0.006}
        />
      ))}
    </svg>
  )
}
