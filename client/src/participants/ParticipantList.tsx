/**
 * Everyone on the board (from awareness), whatever their role: colour dot, name, online or — for
 * those who were here earlier in this page's lifetime and left — greyed as offline; whom each
 * follows, with a button to follow each other person present (stopping is the follow banner's job). Facilitators also see how many
 * participants marked the current step done, and a check mark at each of them, and who is on the
 * list view (those see no cursors).
 */
import { useValue, type Editor, type TLUserId } from '@tldraw/tldraw'
import { can, type Role } from '@quartierboard/shared'
import { useLanguage } from '../i18n/language'
import { fill } from './fill'
import { useRoster, type BoardAwareness } from './hooks'
import { doneSummary, entryByPresenceUserId, isDone, type RosterEntry } from './roster'
import './participants.css'

interface ParticipantListProps {
  awareness: BoardAwareness
  role: Role
  /** The board's editor once mounted; following needs it. */
  editor: Editor | null
  /** Key of the current step (see `stepKey`), for the done signal. */
  stepKey: string
  /** Whether this browser is connected to the server: its own entry says so (presence keeps it otherwise). */
  selfOnline: boolean
}

export function ParticipantList({ awareness, role, editor, stepKey, selfOnline }: ParticipantListProps) {
  const { messages } = useLanguage()
  const entries = useRoster(awareness).map((entry) => (entry.isSelf ? { ...entry, online: selfOnline } : entry))
  const following = useValue('following user', () => editor?.getInstanceState().followingUserId ?? null, [editor])
  const facilitating = can(role, 'facilitate')
  const summary = doneSummary(entries, stepKey)
  const online = entries.filter((entry) => entry.online).length
  const self = entries.find((entry) => entry.isSelf)

  const followsText = (entry: RosterEntry): string | null => {
    const target = entry.isSelf ? following : entry.followingUserId
    if (!target) return null
    const leader = entryByPresenceUserId(entries, target)
    if (!leader) return null
    if (leader.isSelf || (self && leader.userId === self.userId)) return messages.kitFollowsYou
    return fill(messages.kitFollows, { name: leader.name })
  }

  return (
    <section className="participants kit-participants" data-testid="participant-list" aria-label={messages.participantsHeading}>
      <h2>
        {messages.participantsHeading} ({online})
      </h2>
      {facilitating && summary.total > 0 && (
        <p className={`kit-participants__done${summary.all ? ' kit-participants__done--all' : ''}`} data-testid="done-counter" data-all={summary.all} role="status">
          {summary.all ? messages.kitAllDone : fill(messages.kitDoneCount, { done: summary.done, total: summary.total })}
        </p>
      )}
      <ul>
        {entries.map((entry) => {
          const follows = followsText(entry)
          const done = facilitating && entry.role === 'participant' && isDone(entry, stepKey)
          const mayFollow = Boolean(editor && entry.online && !entry.isSelf && entry.presenceUserId)
          const isFollowed = mayFollow && following === entry.presenceUserId
          return (
            <li
              key={entry.userId}
              className={`kit-participant${entry.online ? '' : ' kit-participant--offline'}`}
              data-testid="participant"
              data-name={entry.name}
              data-online={entry.online}
              data-done={done}
            >
              <span className="participants__dot" style={{ background: entry.color }} aria-hidden="true" />
              <span className="kit-participant__main">
                <span className="kit-participant__name">
                  {entry.name} {entry.isSelf && <span className="participants__you">{messages.participantsYou}</span>}
                  {done && (
                    <span className="kit-participant__check" data-testid="participant-done" title={messages.kitDoneMark} aria-label={messages.kitDoneMark}>
                      ✓
                    </span>
                  )}
                  {facilitating && entry.online && entry.onListView && (
                    <span className="kit-participant__list-view" data-testid="participant-list-view" title={messages.listOnListViewHint}>
                      {messages.listOnListView}
                      <span className="visually-hidden"> – {messages.listOnListViewHint}</span>
                    </span>
                  )}
                </span>
                <span className="kit-participant__meta">
                  <span className="kit-participant__status">{entry.online ? messages.kitOnline : messages.kitOffline}</span>
                  {follows && (
                    <span className="kit-participant__follows" data-testid="participant-follows">
                      {' · '}
                      {follows}
                    </span>
                  )}
                </span>
              </span>
              {isFollowed ? (
                // The one stop control is the follow banner; here it only says whom this browser follows.
                <span className="kit-participant__followed" data-testid="participant-followed">
                  {messages.kitFollowed}
                </span>
              ) : (
                mayFollow && (
                  <button
                    type="button"
                    className="kit-button kit-button--small"
                    data-testid="participant-follow"
                    aria-label={fill(messages.kitFollowLabel, { name: entry.name })}
                    onClick={() => editor?.startFollowingUser(entry.presenceUserId as TLUserId)}
                  >
                    {messages.kitFollow}
                  </button>
                )
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
