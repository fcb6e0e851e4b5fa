/** One frame in the list view: its heading (h2, a frame inside a frame h3 ...), its items, the form for a new note. */
import type { ReactNode } from 'react'
import { useLanguage } from '../i18n/language'
import { fill } from '../participants/fill'
import type { VoteView } from '../facilitation/VoteOverlay'
import { AddNoteForm } from './AddNoteForm'
import { ListItem } from './ListItem'
import type { OutlineSection } from './outline'

interface FrameSectionProps {
  section: OutlineSection
  mayEdit: boolean
  voteView: VoteView
  onAdd: (frameId: string, frameTitle: string, text: string) => boolean
  onChange: (id: string, text: string) => void
  onDelete: (id: string, frameId: string | null) => void
}

function Heading({ depth, id, children }: { depth: number; id: string; children: ReactNode }) {
  const level = Math.min(2 + depth, 6)
  const props = { id, tabIndex: -1, className: 'list-frame__heading' }
  switch (level) {
    case 2:
      return <h2 {...props}>{children}</h2>
    case 3:
      return <h3 {...props}>{children}</h3>
    case 4:
      return <h4 {...props}>{children}</h4>
    case 5:
      return <h5 {...props}>{children}</h5>
    default:
      return <h6 {...props}>{children}</h6>
  }
}

/** Heading ids per frame, so that focus can go to a frame's heading (after a delete). */
export const headingIdOf = (frameId: string | null) => `list-frame-${(frameId ?? 'outside').replace(/[^\w-]/g, '_')}`

export function FrameSection({ section, mayEdit, voteView, onAdd, onChange, onDelete }: FrameSectionProps) {
  const { messages } = useLanguage()
  const headingId = headingIdOf(section.frameId)
  const { vote } = voteView
  const voteHere = vote !== null && vote.frameId === section.frameId
  return (
    <section className={`list-frame list-frame--depth-${Math.min(section.depth, 3)}`} aria-labelledby={headingId} data-testid="list-frame" data-frame-id={section.frameId ?? ''}>
      <Heading depth={section.depth} id={headingId}>
        {section.title}
      </Heading>
      {voteHere && vote.status === 'open' && voteView.canVote && (
        <p className="list-frame__vote" data-testid="list-vote-open">
          {fill(messages.listVoteOpen, { left: voteView.left, total: vote.dotsPerPerson })}
        </p>
      )}
      {voteHere && vote.status === 'closed' && <p className="list-frame__vote">{messages.listVoteClosed}</p>}
      {section.items.length > 0 ? (
        <ul className="list-frame__items">
          {section.items.map((item) => (
            <ListItem key={item.id} item={item} mayEdit={mayEdit} voteView={voteView} onChange={onChange} onDelete={(id) => onDelete(id, section.frameId)} />
          ))}
        </ul>
      ) : (
        <p className="list-frame__empty">{messages.listFrameEmpty}</p>
      )}
      {mayEdit && section.frameId !== null && <AddNoteForm frameTitle={section.title} onAdd={(text) => onAdd(section.frameId!, section.title, text)} />}
    </section>
  )
}
