/** "Sie folgen Anna." while this browser follows someone's viewport, with a button to stop. */
import { useValue, type Editor } from '@tldraw/tldraw'
import { useLanguage } from '../i18n/language'
import { fill } from './fill'

export function FollowBanner({ editor }: { editor: Editor }) {
  const { messages } = useLanguage()
  const leader = useValue(
    'followed user',
    () => {
      const id = editor.getInstanceState().followingUserId
      if (!id) return null
      const presence = editor.getCollaborators().find((collaborator) => collaborator.userId === id)
      return { name: presence?.userName || '…', color: presence?.color ?? '#868e96' }
    },
    [editor],
  )
  if (!leader) return null
  return (
    <div className="kit-follow-banner" role="status" data-testid="follow-banner" style={{ borderColor: leader.color }}>
      <span>{fill(messages.kitFollowingBanner, { name: leader.name })}</span>
      <button type="button" className="kit-button kit-button--small" onClick={() => editor.stopFollowingUser()} data-testid="follow-stop">
        {messages.kitFollowingStop}
      </button>
    </div>
  )
}
