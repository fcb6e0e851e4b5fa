/**
 * Which closes of the sync socket are final. y-websocket asks `shouldReconnect` after every close
 * by the server; returning false stops the provider (`shouldConnect = false`) and emits `closed`,
 * which the board turns into a message for the person.
 *
 * - 4400-4499 (y-websocket's own default): the link, the workshop or an update was refused for good.
 * - 1009: a frame of this browser was larger than the server's MAX_FRAME_BYTES. The provider
 *   would send the same frame again after every reconnect, a loop that never lands (the binding
 *   writes large changes in pieces, so this only happens for a single record, or a backlog of
 *   offline edits, over the limit).
 */
import { CloseCode } from '@quartierboard/shared'

/** True when y-websocket should try again after the server closed the socket with `code`. */
export function reconnectsAfterClose(event: { code: number }): boolean {
  if (event.code === CloseCode.MessageTooBig) return false
  return !(event.code >= 4400 && event.code < 4500)
}
