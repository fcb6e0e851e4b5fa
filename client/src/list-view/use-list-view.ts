/**
 * Hooks of the list view: the outline, live from the editor's store (the one the canvas draws, so
 * both views show one document), and what switching views does to the board: the view goes into
 * presence, and a hidden canvas is made inert and unfocused, so that neither the keyboard nor a
 * screen reader ends up in it and tldraw's shortcuts stay quiet while someone types in the list.
 */
import { useValue, type Editor, type TLRecord } from '@tldraw/tldraw'
import { useEffect } from 'react'
import type { BoardConnection } from '../board/connect-board'
import { buildOutline, type OutlineOptions, type OutlineSection } from './outline'
import { VIEW_AWARENESS_FIELD, type BoardView } from './view-mode'

/** The board's sections, recomputed whenever a page, shape, binding or user record changes. */
export function useOutline(editor: Editor, options: OutlineOptions): OutlineSection[] {
  const { locale, selfId, vote } = options
  return useValue(
    'list view outline',
    () => {
      const { query } = editor.store
      const records: TLRecord[] = [
        ...query.records('page').get(),
        ...query.records('shape').get(),
        ...query.records('binding').get(),
        ...query.records('user').get(),
      ]
      return buildOutline(records, { locale, selfId, vote })
    },
    [editor, locale, selfId, vote],
  )
}

/**
 * Publishes the view in presence and keeps the canvas out of reach while the list is shown. On the
 * list, this browser's cursor is withdrawn from the others' canvases: it would stand where it was left.
 */
export function useBoardViewEffects(connection: BoardConnection, editor: Editor | null, view: BoardView): void {
  useEffect(() => {
    connection.provider.awareness.setLocalStateField(VIEW_AWARENESS_FIELD, view)
    connection.setPresenceHidden(view === 'list')
  }, [connection, view])

  useEffect(() => {
    if (!editor) return
    const hidden = view === 'list'
    editor.getContainer().inert = hidden
    if (hidden) editor.blur()
  }, [editor, view])
}
