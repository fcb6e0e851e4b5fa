/** Two routes: the lobby at `/` and a board at `/w/:workshopId`. */
import { BoardPage } from './board/BoardPage'
import { LobbyPage } from './lobby/LobbyPage'

const BOARD_PATH = /^\/w\/([^/]+)\/?$/

export function App() {
  const match = BOARD_PATH.exec(location.pathname)
  if (match) return <BoardPage workshopId={decodeURIComponent(match[1]!)} />
  return <LobbyPage />
}
