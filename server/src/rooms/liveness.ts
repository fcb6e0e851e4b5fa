/**
 * Finds dead sync sockets fast, so that the others stop seeing a person online who is gone.
 *
 * A connection whose network dropped stays open on the server until TCP gives up, which takes
 * minutes. Every `intervalMs` each socket gets a WebSocket ping. At the next round a socket counts
 * as alive if it answered the ping, sent any frame, or drained some of what waits for it (a slow
 * phone receiving a large board answers the ping only after that data, but it is reading); any
 * other socket is terminated, and its presence disappears for the others at once. A dead socket is
 * therefore gone within two intervals.
 */
import type { WebSocket, WebSocketServer } from 'ws'

interface SocketLife {
  /** A pong or a frame arrived since the last round. */
  heard: boolean
  /** `bufferedAmount` at the last round. */
  buffered: number
}

export interface LivenessWatch {
  /** Starts watching a newly accepted socket. */
  watch(ws: WebSocket): void
  stop(): void
}

export function watchLiveness(wss: WebSocketServer, intervalMs: number): LivenessWatch {
  const lives = new WeakMap<WebSocket, SocketLife>()
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      const life = lives.get(ws)
      if (!life) continue
      const draining = ws.bufferedAmount < life.buffered
      if (!life.heard && !draining) {
        ws.terminate()
        continue
      }
      life.heard = false
      life.buffered = ws.bufferedAmount
      ws.ping()
    }
  }, intervalMs)
  timer.unref()
  return {
    watch(ws) {
      const life: SocketLife = { heard: true, buffered: 0 }
      lives.set(ws, life)
      const heard = () => {
        life.heard = true
      }
      ws.on('pong', heard)
      ws.on('message', heard)
    },
    stop() {
      clearInterval(timer)
    },
  }
}
