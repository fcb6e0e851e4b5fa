/**
 * The read-only tldraw canvas of the replay page, with tldraw's assets bundled by Vite (never a
 * CDN), images through the workshop's asset store, tldraw's UI in our language, and the highlight
 * overlay in front. Hands the editor to the page once mounted and exposes it for browser tests.
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { Tldraw, type Editor, type TLComponents } from '@tldraw/tldraw'
import '@tldraw/tldraw/tldraw.css'
import { useEffect, useRef, useState } from 'react'
import { workshopAssetStore } from '../board/asset-store'
import { createCurrentUser } from '../board/current-user'
import { loadIdentity } from '../board/identity'
import { useLanguage } from '../i18n/language'
import { HighlightContext, HighlightOverlay, type Highlight } from './HighlightOverlay'

const assetUrls = getAssetUrlsByImport()
const components: TLComponents = { InFrontOfTheCanvas: HighlightOverlay }

interface ReplayCanvasProps {
  workshopId: string
  licenseKey: string | null
  highlights: readonly Highlight[]
  onEditor: (editor: Editor | null) => void
}

export function ReplayCanvas({ workshopId, licenseKey, highlights, onEditor }: ReplayCanvasProps) {
  const { language, messages } = useLanguage()
  const [assets] = useState(() => workshopAssetStore(workshopId))
  const [currentUser] = useState(() => {
    const identity = loadIdentity()
    return createCurrentUser({ ...identity, name: identity.name ?? messages.roleReviewer }, language)
  })
  const onEditorRef = useRef(onEditor)
  onEditorRef.current = onEditor

  useEffect(() => {
    currentUser.setLocale(language)
  }, [currentUser, language])

  const onMount = (editor: Editor) => {
    editor.updateInstanceState({ isReadonly: true })
    window.quartierboard = { editor }
    onEditorRef.current(editor)
    return () => onEditorRef.current(null)
  }

  return (
    <HighlightContext.Provider value={highlights}>
      <Tldraw licenseKey={licenseKey ?? undefined} assetUrls={assetUrls} assets={assets} user={currentUser.tldrawUser} components={components} onMount={onMount} />
    </HighlightContext.Provider>
  )
}
