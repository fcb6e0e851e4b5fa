/** This browser's side of a dot vote: its own dots (fetched, then changed through the API, which sends its identity). */
import type { VoteState } from '@quartierboard/shared'
import { useCallback, useEffect, useState } from 'react'
import type { FacilitationApi } from './facilitation-api'
import type { VoteView } from './VoteOverlay'

export function useVoteView(api: FacilitationApi, vote: VoteState | null, canVote: boolean, onError: (error: unknown) => void): VoteView {
  const [mine, setMine] = useState<Record<string, number>>({})
  const [left, setLeft] = useState(0)
  const openId = vote?.status === 'open' ? vote.id : null

  useEffect(() => {
    setMine({})
    setLeft(vote?.dotsPerPerson ?? 0)
    if (!openId || !canVote) return
    let cancelled = false
    api
      .myDots(openId)
      .then((answer) => {
        if (cancelled) return
        setMine(answer.dots)
        setLeft(answer.left)
      })
      .catch(onError)
    return () => {
      cancelled = true
    }
  }, [api, openId, canVote, vote?.dotsPerPerson, onError])

  const onDot = useCallback(
    (shapeId: string, delta: 1 | -1) => {
      if (!openId) return
      const request = delta === 1 ? api.addDot(openId, shapeId) : api.removeDot(openId, shapeId)
      request
        .then((answer) => {
          setMine(answer.dots)
          setLeft(answer.left)
        })
        .catch(onError)
    },
    [api, openId, onError],
  )

  return { vote, mine, left, canVote, onDot }
}
