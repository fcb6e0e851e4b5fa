/** The board's facilitation state (shared/src/facilitation), re-read whenever its map changes. */
import { FACILITATION_KEY, readFacilitation, type FacilitationState } from '@quartierboard/shared'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

export function useFacilitation(doc: Y.Doc): FacilitationState {
  const [state, setState] = useState(() => readFacilitation(doc))
  useEffect(() => {
    const map = doc.getMap(FACILITATION_KEY)
    const update = () => setState(readFacilitation(doc))
    map.observe(update)
    update()
    return () => map.unobserve(update)
  }, [doc])
  return state
}
