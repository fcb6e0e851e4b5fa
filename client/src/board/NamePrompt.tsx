/** Asks for the display name once; it is remembered for every board on this browser. */
import { useState, type FormEvent } from 'react'
import { useLanguage } from '../i18n/language'

export function NamePrompt({ onName }: { onName: (name: string) => void }) {
  const { messages } = useLanguage()
  const [name, setName] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (name.trim()) onName(name.trim().slice(0, 60))
  }
  return (
    <main className="centered">
      <form className="card" onSubmit={submit}>
        <h1 id="name-prompt-heading">{messages.namePromptHeading}</h1>
        <label htmlFor="display-name">{messages.namePromptLabel}</label>
        <input
          id="display-name"
          data-testid="name-input"
          // eslint-disable-next-line jsx-a11y/no-autofocus -- the page's only field; aria-describedby reads out the heading that focus skips
          autoFocus
          aria-describedby="name-prompt-heading"
          maxLength={60}
          placeholder={messages.namePromptPlaceholder}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" data-testid="name-submit" disabled={!name.trim()}>
          {messages.namePromptSubmit}
        </button>
      </form>
    </main>
  )
}
