/** Everyone on the board right now (from awareness), with their colour; you first. */
import { useEffect, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import type { PresenceAwarenessState } from '@quartierboard/shared'
import { useLanguage } from '../i18n/language'

interface Participant {
  clientId: number
  name: string
  color: string
  isSelf: boolean
}

function participantsOf(provider: WebsocketProvider): Participant[] {
  const self = provider.awareness.clientID
  const list: Participant[] = []
  for (const [clientId, state] of provider.awareness.getStates()) {
    const user = (state as Partial<PresenceAwarenessState>).user
    if (!user || typeof user.name !== 'string') continue
    list.push({ clientId, name: user.name, color: typeof user.color === 'string' ? user.color : '#888', isSelf: clientId === self })
  }
  return list.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name))
}

export function ParticipantList({ provider }: { provider: WebsocketProvider }) {
  const { messages } = useLanguage()
  const [participants, setParticipants] = useState(() => participantsOf(provider))
  useEffect(() => {
    const update = () => setParticipants(participantsOf(provider))
    provider.awareness.on('change', update)
    update()
    return () => provider.awareness.off('change', update)
  }, [provider])
  return (
    <section className="participants" data-testid="participant-list" aria-label={messages.participantsHeading}>
      <h2>
        {messages.participantsHeading} ({participants.length})
      </h2>
      <ul>
        {participants.map((participant) => (
          <li key={participant.clientId}>
            <span className="participants__dot" style={{ background: participant.color }} />
            {participant.name} {participant.isSelf && <span className="participants__you">{messages.participantsYou}</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}
