/** The form under a frame in the list view that writes a new note into it (Ctrl+Enter sends too). */
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useLanguage } from '../i18n/language'
import { fill } from '../participants/fill'

/** Longest note the list view writes (a sticky note's worth, with room to spare). */
const MAX_NOTE_CHARS = 2000

interface AddNoteFormProps {
  frameTitle: string
  /** Writes the note; false when it could not (the frame is gone). */
  onAdd: (text: string) => boolean
}

export function AddNoteForm({ frameTitle, onAdd }: AddNoteFormProps) {
  const { messages } = useLanguage()
  const id = useId()
  const [text, setText] = useState('')
  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (!text.trim()) return
    if (onAdd(text.trim())) setText('')
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit()
  }
  return (
    <form className="list-add" onSubmit={submit}>
      <label htmlFor={id} className="list-add__label">
        {fill(messages.listAddLabel, { frame: frameTitle })}
      </label>
      <textarea
        id={id}
        className="list-add__text"
        rows={2}
        maxLength={MAX_NOTE_CHARS}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        data-testid="list-add-text"
      />
      <button type="submit" className="list-button list-button--primary" disabled={!text.trim()} data-testid="list-add">
        {messages.listAdd}
      </button>
    </form>
  )
}
