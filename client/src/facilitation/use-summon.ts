/** "Bring everyone to me": when the facilitator summons, everyone else follows their viewport. */
import type { SummonState } from '@quartierboard/shared'
import type { Editor, TLUserId } from '@tldraw/tldraw'
import { useEffect, useRef } from 'react'

/** Summons older than this when the page opens are history, not a call to follow now. */
const FRESH_MS = 30_000

export function useSummonFollow(editor: Editor | null, summon: SummonState | null, selfUserId: string, serverNow: number): void {
  const handled = useRef<string | null>(null)
  useEffect(() => {
    if (!editor || !summon || handled.current === summon.id) return
    handled.current = summon.id
    if (summon.userId === selfUserId || serverNow - summon.at > FRESH_MS) return
    editor.startFollowingUser(summon.userId as TLUserId)
  }, [editor, summon, selfUserId, serverNow])
}
