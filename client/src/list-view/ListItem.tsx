/**
 * One contribution in the list view: its kind, text, author and area; the vote's dots with buttons
 * to place and take back one while the vote is open; and, for this person's own notes, changing
 * and deleting them. Buttons carry the item's text as their description, so a screen reader names
 * which note a "Löschen" belongs to.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react'
import { useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import { fill } from '../participants/fill'
import type { VoteView } from '../facilitation/VoteOverlay'
import type { OutlineItem } from './outline'

const TYPE_LABEL: Record<OutlineItem['type'], keyof Messages> = {
  note: 'listTypeNote',
  text: 'listTypeText',
  geo: 'listTypeGeo',
  relation: 'listTypeRelation',
  arrow: 'listTypeArrow',
}

interface ListItemProps {
  item: OutlineItem
  /** Whether this person may change the board now (role, lock). */
  mayEdit: boolean
  voteView: VoteView
  onChange: (id: string, text: string) => void
  onDelete: (id: string) => void
}

export function ListItem({ item, mayEdit, voteView, onChange, onDelete }: ListItemProps) {
  const { messages } = useLanguage()
  const textId = useId()
  const editButton = useRef<HTMLButtonElement>(null)
  const [draft, setDraft] = useState<string | null>(null)
  const { vote, mine, left, canVote, onDot } = voteView
  const text = item.text.trim() === '' ? messages.listEmptyText : item.text
  const meta = [
    item.author ? fill(messages.listBy, { name: item.author }) : null,
    item.area ? fill(messages.listArea, { area: item.area }) : null,
    item.colorLabel,
  ].filter((part): part is string => part !== null)
  const votingNow = item.inVote && vote?.status === 'open' && canVote
  const myDots = mine[item.id] ?? 0

  const stopEditing = () => {
    setDraft(null)
    // Back to the button that opened the editor (after React has put it back).
    requestAnimationFrame(() => editButton.current?.focus())
  }
  const save = () => {
    if (draft !== null && draft.trim()) onChange(item.id, draft.trim())
    stopEditing()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') stopEditing()
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) save()
  }

  return (
    <li className={`list-item list-item--${item.type}${item.private ? ' list-item--private' : ''}`} data-testid="list-item" data-shape-id={item.id} data-own={item.own}>
      <span className="list-item__type">{messages[TYPE_LABEL[item.type]]}: </span>
      {draft === null ? (
        <span className="list-item__text" id={textId}>
          {text}
        </span>
      ) : (
        <span className="list-item__edit">
          <label className="visually-hidden" htmlFor={`${textId}-edit`}>
            {messages.listEditField}
          </label>
          <textarea
            id={`${textId}-edit`}
            className="list-add__text"
            rows={3}
            value={draft}
            // eslint-disable-next-line jsx-a11y/no-autofocus -- opened by the Edit button, which unmounts: focus moves here instead of to the page
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
            data-testid="list-edit-text"
          />
        </span>
      )}
      {meta.length > 0 && <span className="list-item__meta"> ({meta.join(', ')})</span>}
      {item.private && <span className="list-item__private"> – {messages.listPrivate}</span>}
      {vote?.status === 'closed' && item.inVote && (
        <span className="list-item__votes" data-testid="list-votes" data-count={item.votes}>
          {' '}
          {item.votes === 1 ? messages.listDot : fill(messages.listDots, { count: item.votes })}
        </span>
      )}
      {(votingNow || (item.own && mayEdit)) && (
        <span className="list-item__actions">
          {votingNow && (
            <>
              <span className="list-item__dots" data-testid="list-my-dots" data-count={myDots}>
                {fill(messages.listYourDots, { count: myDots })}
              </span>
              <button type="button" className="list-button" disabled={left === 0} aria-describedby={textId} onClick={() => onDot(item.id, 1)} data-testid="list-dot-add">
                {messages.listAddDot}
              </button>
              <button type="button" className="list-button" disabled={myDots === 0} aria-describedby={textId} onClick={() => onDot(item.id, -1)} data-testid="list-dot-remove">
                {messages.listRemoveDot}
              </button>
            </>
          )}
          {item.own && mayEdit && draft === null && (
            <>
              <button type="button" ref={editButton} className="list-button" aria-describedby={textId} onClick={() => setDraft(item.text)} data-testid="list-edit">
                {messages.listEdit}
              </button>
              <button type="button" className="list-button list-button--danger" aria-describedby={textId} onClick={() => onDelete(item.id)} data-testid="list-delete">
                {messages.listDelete}
              </button>
            </>
          )}
          {item.own && mayEdit && draft !== null && (
            <>
              <button type="button" className="list-button list-button--primary" disabled={!draft.trim()} onClick={save} data-testid="list-save">
                {messages.listSave}
              </button>
              <button type="button" className="list-button" onClick={stopEditing}>
                {messages.listCancel}
              </button>
            </>
          )}
        </span>
      )}
    </li>
  )
}
