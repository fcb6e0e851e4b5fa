/** Workshop title, connection and save status, language switch. */
import { LanguageSwitch, useLanguage } from '../i18n/language'
import type { Messages } from '../i18n/messages'
import type { SaveState } from './save-status'

const LABEL: Record<SaveState, keyof Messages> = {
  connecting: 'statusConnecting',
  offline: 'statusOffline',
  saving: 'statusSaving',
  saved: 'statusSaved',
  failed: 'statusFailed',
}

export function StatusBar({ title, saveState }: { title: string; saveState: SaveState }) {
  const { messages } = useLanguage()
  return (
    <header className="status-bar">
      <strong className="status-bar__title">{title}</strong>
      <span className={`save-status save-status--${saveState}`} data-testid="save-status" data-state={saveState} role="status">
        {messages[LABEL[saveState]]}
      </span>
      <LanguageSwitch />
    </header>
  )
}
