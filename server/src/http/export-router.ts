/**
 * `GET /api/workshops/:id/export?format=tldr`: the board as it is now, as a .tldr file that
 * tldraw apps open. (More formats and past moments arrive with the export issue.)
 */
import express, { type Router } from 'express'
import type { TLSchema } from '@tldraw/tlschema'
import { toTldrFile } from '@quartierboard/shared'
import type { RoomManager } from '../rooms/room-manager.js'
import type { BoardStore } from '../store/board-store.js'
import { recordsOfDoc } from '../workshops/board-state.js'
import { accessOf, authorize } from './authorize.js'
import { HttpError } from './errors.js'
import { attachmentName } from './file-names.js'

export function exportRouter({ store, rooms, schema }: { store: BoardStore; rooms: RoomManager; schema: TLSchema }): Router {
  const router = express.Router({ mergeParams: true })

  router.get('/export', authorize(store, 'export'), async (req, res) => {
    const format = req.query.format ?? 'tldr'
    if (format !== 'tldr') throw new HttpError(400, 'invalid_format', 'Supported formats: tldr.')
    const { workshop } = accessOf(res)
    const records = await rooms.withRoom(workshop.id, async (room) => {
      await room.flush()
      return recordsOfDoc(room.doc)
    })
    res.set('Content-Disposition', attachmentName(workshop.title, 'Board', Date.now(), 'tldr'))
    res.type('application/json').send(JSON.stringify(toTldrFile(records, schema)))
  })

  return router
}
