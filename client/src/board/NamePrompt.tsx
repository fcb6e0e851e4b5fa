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
        <h1>{messages.namePromptHeading}</h1>
        <label htmlFor="display-name">{messages.namePromptLabel}</label>
        <input
          id="display-name"
          data-testid="name-input"
          autoFocus
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
