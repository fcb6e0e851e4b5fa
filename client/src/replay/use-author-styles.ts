/**
 * The authors' styles for a replay. A session's history lists only the people active in it, but a
 * shape on its board may have been written in an earlier session; so the styles come from the
 * whole workshop's authors (read once), which also gives each person the same colour in every
 * session. Until that answer is here (or if it fails) the session's own authors are used.
 */
import type { History, HistoryAuthor } from '@quartierboard/shared'
import { useEffect, useMemo, useState } from 'react'
import { assignAuthorStyles, type AuthorStyles } from './author-palette'
import { getHistory } from './replay-api'

export function useAuthorStyles(workshopId: string, history: History): AuthorStyles {
  const [workshopAuthors, setWorkshopAuthors] = useState<readonly HistoryAuthor[] | null>(null)
  const wholeWorkshop = history.session === null

  useEffect(() => {
    if (wholeWorkshop) return
    let cancelled = false
    getHistory(workshopId, null)
      .then((result) => {
        if (!cancelled) setWorkshopAuthors(result.authors)
      })
      // The session's authors stay in use; only names from earlier sessions are missing then.
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [workshopId, wholeWorkshop])

  const authors = wholeWorkshop ? history.authors : (workshopAuthors ?? history.authors)
  return useMemo(() => assignAuthorStyles(authors), [authors])
}
