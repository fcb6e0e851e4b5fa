/** The UI language: German by default, English switchable, remembered in localStorage. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { catalogues, type Language, type Messages } from './messages'

const STORAGE_KEY = 'quartierboard.language'

interface LanguageState {
  language: Language
  messages: Messages
  setLanguage: (language: Language) => void
}

const LanguageContext = createContext<LanguageState | null>(null)

function storedLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY)
  return stored === 'en' ? 'en' : 'de'
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage)
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next)
    setLanguageState(next)
  }, [])
  useEffect(() => {
    document.documentElement.lang = language
  }, [language])
  return <LanguageContext.Provider value={{ language, messages: catalogues[language], setLanguage }}>{children}</LanguageContext.Provider>
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext)
  if (!state) throw new Error('useLanguage outside LanguageProvider')
  return state
}

export function LanguageSwitch() {
  const { language, setLanguage, messages } = useLanguage()
  return (
    <label className="language-switch">
      <span className="visually-hidden">{messages.language}</span>
      <select value={language} onChange={(event) => setLanguage(event.target.value as Language)} data-testid="language-switch">
        <option value="de">Deutsch</option>
        <option value="en">English</option>
      </select>
    </label>
  )
}
