import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { LanguageProvider } from './i18n/language'
import { startServiceWorker } from './offline/service-worker-updates'
import { UpdatePrompt } from './offline/UpdatePrompt'
import './styles.css'

// The app shell for offline use and the new-version prompt (a no-op in `pnpm dev`).
startServiceWorker()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LanguageProvider>
      <App />
      <UpdatePrompt />
    </LanguageProvider>
  </StrictMode>,
)
