/**
 * Dots on the notes of a vote, drawn in front of the canvas at each note's corner: while the vote
 * is open, a participant sees only their own dots and can add or take back one; once it is
 * closed, everyone sees every note's count. Mounted as tldraw's `InFrontOfTheCanvas`; the vote
 * comes through `VoteContext`.
 */
import { stopEventPropagation, useEditor, useValue, type TLShapeId } from '@tldraw/tldraw'
import type { VoteState } from '@quartierboard/shared'
import { createContext, useContext } from 'react'
import { useLanguage } from '../i18n/language'
import { notesInFrame } from './vote-notes'

export interface VoteView {
  vote: VoteState | null
  /** This person's dots while the vote is open. */
  mine: Readonly<Record<string, number>>
  left: number
  canVote: boolean
  onDot: (shapeId: string, delta: 1 | -1) => void
}

export const VoteContext = createContext<VoteView>({ vote: null, mine: {}, left: 0, canVote: false, onDot: () => {} })

export function VoteOverlay() {
  const editor = useEditor()
  const { vote, mine, left, canVote, onDot } = useContext(VoteContext)
  const { messages } = useLanguage()
  const badges = useValue(
    'vote badges',
    () => {
      if (!vote) return []
      const shapes = editor.getCurrentPageShapes().map((shape) => ({ id: shape.id as string, type: shape.type, parentId: shape.parentId as string }))
      return notesInFrame(shapes, vote.frameId).flatMap((id) => {
        const bounds = editor.getShapePageBounds(id as TLShapeId)
        if (!bounds) return []
        const corner = editor.pageToViewport({ x: bounds.maxX, y: bounds.minY })
        return [{ id, x: corner.x, y: corner.y }]
      })
    },
    [editor, vote],
  )
  if (!vote) return null
  return (
    <div className="vote-overlay">
      {badges.map((badge) => {
        const count = vote.status === 'closed' ? (vote.results?.[badge.id] ?? 0) : (mine[badge.id] ?? 0)
        return (
          <div
            key={badge.id}
            className={`vote-badge vote-badge--${vote.status}`}
            style={{ left: badge.x, top: badge.y }}
            data-testid="vote-badge"
            data-shape-id={badge.id}
            data-count={count}
            onPointerDown={stopEventPropagation}
          >
            <span className="vote-badge__count" aria-label={messages.voteDotsOnNote}>
              {'●'.repeat(Math.min(count, 10))}
              {count > 10 ? `+${count - 10}` : ''} {count}
            </span>
            {vote.status === 'open' && canVote && (
              <>
                <button type="button" disabled={left === 0} onClick={() => onDot(badge.id, 1)} data-testid="vote-add" aria-label={messages.voteAddDot}>
                  +
                </button>
                <button type="button" disabled={!mine[badge.id]} onClick={() => onDot(badge.id, -1)} data-testid="vote-remove" aria-label={messages.voteRemoveDot}>
                  −
                </button>
              </>
            )}
          </div>
        )
      })}
    </div>
  )
}
