/**
 * The local participant as tldraw sees it: user preferences (name, colour, and tldraw's UI locale,
 * which follows our language) and the TLUser signal that presence publishes.
 */
import { atom, computed, createTLCurrentUser, type Signal, type TLCurrentUser, type TLUser, type TLUserPreferences } from '@tldraw/tldraw'
import type { Language } from '../i18n/messages'
import type { Identity } from './identity'

export interface CurrentUser {
  tldrawUser: TLCurrentUser
  presenceUser: Signal<TLUser | null>
  setLocale: (language: Language) => void
}

export function createCurrentUser(identity: Identity & { name: string }, language: Language): CurrentUser {
  const preferences = atom<TLUserPreferences>('user preferences', {
    id: identity.id,
    name: identity.name,
    color: identity.color,
    locale: language,
  })
  const presenceUser = computed<TLUser | null>('presence user', () => {
    const current = preferences.get()
    return {
      id: `user:${current.id}`,
      typeName: 'user',
      name: current.name ?? '',
      color: current.color ?? identity.color,
      imageUrl: '',
      meta: {},
    } as TLUser
  })
  return {
    tldrawUser: createTLCurrentUser({ userPreferences: preferences, setUserPreferences: (next) => preferences.set(next) }),
    presenceUser,
    setLocale: (locale) => preferences.update((current) => ({ ...current, locale })),
  }
}
