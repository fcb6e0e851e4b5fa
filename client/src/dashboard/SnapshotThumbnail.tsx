/**
 * A small picture of a snapshot, drawn client-side from its records (see snapshot-thumbnail.ts).
 * Loading, a failed download and an empty board each look different and say so: a big board's
 * file takes a moment, and a blank box while it loads looked like a snapshot of nothing.
 */
import { useEffect, useState } from 'react'
import { getSnapshotFile } from '../api'
import { useLanguage } from '../i18n/language'
import { thumbnailBoxes, thumbnailViewBox, type ThumbnailBox } from './snapshot-thumbnail'

type ThumbnailState = { kind: 'loading' } | { kind: 'failed'; reason: string } | { kind: 'ready'; boxes: ThumbnailBox[] }

export function SnapshotThumbnail({ workshopId, snapshotId }: { workshopId: string; snapshotId: string }) {
  const { messages } = useLanguage()
  const [state, setState] = useState<ThumbnailState>({ kind: 'loading' })
  useEffect(() => {
    let cancelled = false
    setState({ kind: 'loading' })
    getSnapshotFile(workshopId, snapshotId)
      .then((file) => !cancelled && setState({ kind: 'ready', boxes: thumbnailBoxes(file.records) }))
      .catch((failure: unknown) => !cancelled && setState({ kind: 'failed', reason: failure instanceof Error ? failure.message : String(failure) }))
    return () => {
      cancelled = true
    }
  }, [workshopId, snapshotId])

  if (state.kind !== 'ready' || state.boxes.length === 0) {
    const text = state.kind === 'loading' ? messages.snapshotThumbnailLoading : state.kind === 'failed' ? messages.snapshotThumbnailFailed : messages.snapshotThumbnailEmpty
    return (
      <div
        className={`thumbnail thumbnail--message thumbnail--${state.kind === 'ready' ? 'empty' : state.kind}`}
        data-testid="snapshot-thumbnail"
        data-state={state.kind === 'ready' ? 'empty' : state.kind}
        data-shapes={0}
        aria-busy={state.kind === 'loading'}
        title={state.kind === 'failed' ? state.reason : undefined}
      >
        {text}
      </div>
    )
  }
  const { boxes } = state
  const view = thumbnailViewBox(boxes)
  return (
    <svg
      className="thumbnail"
      data-testid="snapshot-thumbnail"
      data-state="ready"
      data-shapes={boxes.length}
      viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`}
      role="img"
      aria-label={messages.snapshotThumbnailLabel}
    >
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
