/**
 * tldraw sync (TLSocketRoom from @tldraw/sync-core) on PORT/HOST at /sync/:room, every room persisted
 * in its own SQLite file under DATA_DIR (SQLiteSyncStorage persists each push before it replies):
 * a peer for the benchmark.
 */
import http from 'node:http'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { WebSocketServer } from 'ws'
import { NodeSqliteWrapper, SQLiteSyncStorage, TLSocketRoom } from '@tldraw/sync-core'
import type { TLRecord } from '@tldraw/tlschema'
import { createBoardSchema } from '@quartierboard/shared'

const port = Number(process.env.PORT ?? 1234)
const host = process.env.HOST ?? '127.0.0.1'
const dataDir = process.env.DATA_DIR ?? '.'
const schema = createBoardSchema()

interface OpenRoom {
  room: TLSocketRoom<TLRecord, void>
  db: Database.Database
}
const rooms = new Map<string, OpenRoom>()

function roomFor(id: string): TLSocketRoom<TLRecord, void> {
  let open = rooms.get(id)
  if (!open) {
    const db = new Database(path.join(dataDir, `${id.replace(/[^\w-]/g, '_')}.sqlite`))
    db.pragma('journal_mode = WAL')
    const storage = new SQLiteSyncStorage<TLRecord>({ sql: new NodeSqliteWrapper(db) })
    const room = new TLSocketRoom<TLRecord, void>({
      schema,
      storage,
      onSessionRemoved: (_room, { numSessionsRemaining }) => {
        if (numSessionsRemaining > 0) return
        rooms.delete(id)
        _room.close()
        db.close()
      },
    })
    open = { room, db }
    rooms.set(id, open)
  }
  return open.room
}

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' })
  res.end('ok')
})
const wss = new WebSocketServer({ noServer: true })
server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  const match = /^\/sync\/([^/]+)$/.exec(url.pathname)
  if (!match) {
    socket.end('HTTP/1.1 404 Not Found\r\n\r\n')
    return
  }
  wss.handleUpgrade(req, socket, head, (ws) => {
    roomFor(decodeURIComponent(match[1]!)).handleSocketConnect({ sessionId: url.searchParams.get('sessionId') ?? randomUUID(), socket: ws })
  })
})
server.listen(port, host, () => console.log(`READY ${port}`))
process.on('SIGTERM', () => process.exit(0))
