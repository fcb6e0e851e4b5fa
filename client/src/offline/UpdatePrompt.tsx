/** "Neue Version verfügbar – neu laden": shown on every page while a new version of the app waits. */
import { useSyncExternalStore } from 'react'
import { useLanguage } from '../i18n/language'
import { reloadOntoNewVersion, subscribeToUpdates, updateState } from './service-worker-updates'
import './update-prompt.css'

export function UpdatePrompt() {
  const { messages } = useLanguage()
  const state = useSyncExternalStore(subscribeToUpdates, updateState)
  if (state === 'none') return null
  return (
    <button
      type="button"
      className="update-prompt"
      data-testid="update-reload"
      disabled={state === 'reloading'}
      onClick={() => void reloadOntoNewVersion()}
    >
      {messages.updateAvailableReload}
    </button>
  )
}
