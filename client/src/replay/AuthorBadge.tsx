/** A person as the replay's panels show them: the initials tag of their outlines, then their name. */
import type { Messages } from '../i18n/messages'
import type { AuthorStyle } from './author-palette'

/** The name to show for a person (the server's own changes and unknown connections have none). */
export function authorName(style: AuthorStyle, messages: Messages): string {
  if (style.name) return style.name
  return style.serverAction ? messages.replayServerAuthor : messages.replayUnknownAuthor
}

export function AuthorTag({ style }: { style: AuthorStyle }) {
  return (
    <span
      className="replay-tag"
      style={{ background: style.color, color: style.textColor, borderStyle: style.dash ? 'dashed' : 'solid' }}
      aria-hidden="true"
      data-testid="replay-author-tag"
    >
      {style.initials}
    </span>
  )
}

export function AuthorBadge({ style, messages }: { style: AuthorStyle; messages: Messages }) {
  return (
    <span className="replay-badge" data-person={style.person}>
      <AuthorTag style={style} />
      <span className="replay-badge__name">{authorName(style, messages)}</span>
    </span>
  )
}
