/** A full-page message when a workshop cannot be opened (bad link, replaced link, deleted workshop). */
import { useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'

export function AccessProblem({ message }: { message: keyof Messages }) {
  const { messages } = useLanguage()
  return (
    <main className="centered">
      <div className="card">
        <p role="alert" data-testid="access-problem">
          {messages[message]}
        </p>
        <a href="/">{messages.boardBackToLobby}</a>
      </div>
    </main>
  )
}
