/**
 * Routes: the lobby at `/`, a board at `/w/:workshopId`, the facilitator's dashboard at
 * `/w/:workshopId/dashboard`, a snapshot viewer at `/w/:workshopId/snapshots/:snapshotId` and the
 * reviewer replay at `/w/:workshopId/replay`.
 */
import { BoardPage } from './board/BoardPage'
import { DashboardPage } from './dashboard/DashboardPage'
import { SnapshotViewer } from './dashboard/SnapshotViewer'
import { LobbyPage } from './lobby/LobbyPage'
import { ReplayPage } from './replay/ReplayPage'

const BOARD_PATH = /^\/w\/([^/]+)\/?$/
const DASHBOARD_PATH = /^\/w\/([^/]+)\/dashboard\/?$/
const SNAPSHOT_PATH = /^\/w\/([^/]+)\/snapshots\/([^/]+)\/?$/
const REPLAY_PATH = /^\/w\/([^/]+)\/replay\/?$/

export function App() {
  const path = location.pathname
  const board = BOARD_PATH.exec(path)
  if (board) return <BoardPage workshopId={decodeURIComponent(board[1]!)} />
  const dashboard = DASHBOARD_PATH.exec(path)
  if (dashboard) return <DashboardPage workshopId={decodeURIComponent(dashboard[1]!)} />
  const snapshot = SNAPSHOT_PATH.exec(path)
  if (snapshot) return <SnapshotViewer workshopId={decodeURIComponent(snapshot[1]!)} snapshotId={decodeURIComponent(snapshot[2]!)} />
  const replay = REPLAY_PATH.exec(path)
  if (replay) return <ReplayPage workshopId={decodeURIComponent(replay[1]!)} />
  return <LobbyPage />
}
