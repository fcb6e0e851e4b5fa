/**
 * The capability token of a workshop in this browser. Links carry it in the fragment
 * (`/w/<id>#token=…`), which never reaches a server; on arrival we move it into localStorage and
 * take it out of the address bar, so it does not end up on a shared screen or in a bookmark list.
 * The board then works after reloads and offline. The newest link opened wins.
 */
const storageKey = (workshopId: string) => `quartierboard.token.${workshopId}`

/** Moves a token from the page URL (`#token=` or the older `?token=`) into storage. */
export function captureLinkToken(workshopId: string): void {
  const url = new URL(location.href)
  const fromFragment = new URLSearchParams(url.hash.slice(1)).get('token')
  const fromQuery = url.searchParams.get('token')
  const token = fromFragment ?? fromQuery
  if (!token) return
  rememberToken(workshopId, token)
  url.hash = ''
  url.searchParams.delete('token')
  history.replaceState(history.state, '', url.pathname + url.search)
}

export function rememberToken(workshopId: string, token: string): void {
  localStorage.setItem(storageKey(workshopId), token)
}

export function workshopToken(workshopId: string): string | null {
  return localStorage.getItem(storageKey(workshopId))
}

export function forgetToken(workshopId: string): void {
  localStorage.removeItem(storageKey(workshopId))
}
