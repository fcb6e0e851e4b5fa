/**
 * `POST /api/workshops/:id/import?mode=replace|add-page` (facilitator): a .tldr file as the body.
 * The file is parsed, migrated and validated as a whole before anything changes; a replacing
 * import then snapshots the board as it was ("Vor dem Import", the backup a restore takes too);
 * then the board changes through the room like any edit (logged, stored, sent live to everyone).
 * The answer names that backup, so the client can offer to undo the import by restoring it.
 */
import express, { type Router } from 'express'
import type { TLSchema } from '@tldraw/tlschema'
import { IMPORT_MODES, MAX_TLDR_BYTES, parseTldrFile, type ImportMode, type ImportResponse } from '@quartierboard/shared'
import type { RoomManager } from '../rooms/room-manager.js'
import type { BoardStore } from '../store/board-store.js'
import { applyRecordChanges, recordsOfDoc } from '../workshops/board-state.js'
import { importBackupLabel, planImport } from '../workshops/import-board.js'
import type { SessionService } from '../workshops/session-service.js'
import { publicSnapshot } from '../workshops/views.js'
import { accessOf, authorize } from './authorize.js'
import { HttpError } from './errors.js'

export interface ImportRouterOptions {
  store: BoardStore
  rooms: RoomManager
  sessions: SessionService
  schema: TLSchema
}

export function importRouter({ store, rooms, sessions, schema }: ImportRouterOptions): Router {
  const router = express.Router({ mergeParams: true })

  router.post('/import', authorize(store, 'import'), express.text({ type: () => true, limit: MAX_TLDR_BYTES }), async (req, res) => {
    const mode = (req.query.mode ?? 'add-page') as ImportMode
    if (!IMPORT_MODES.includes(mode)) throw new HttpError(400, 'invalid_mode', `Modes are ${IMPORT_MODES.join(', ')}.`)
    if (typeof req.body !== 'string' || req.body.length === 0) throw new HttpError(400, 'empty_file', 'The request body must be a .tldr file.')
    const parsed = parseTldrFile(req.body, schema)
    if (!parsed.ok) throw new HttpError(422, `tldr_${parsed.error.code}`, parsed.error.message)
    const pageSuffix = req.query.locale === 'en' ? ' (imported)' : ' (importiert)'
    const { workshop } = accessOf(res)
    const { plan, backup } = await rooms.withRoom(workshop.id, async (room) => {
      const taken = mode === 'replace' ? await sessions.backupBeforeChange(room, importBackupLabel(req.query.locale)) : null
      const planned = planImport(recordsOfDoc(room.doc), parsed.records, mode, pageSuffix)
      room.applyServerChange((doc) => applyRecordChanges(doc, planned.put, planned.remove), 'facilitator:import')
      await room.flush()
      return { plan: planned, backup: taken }
    })
    const body: ImportResponse = {
      mode,
      shapes: plan.put.filter((record) => record.typeName === 'shape').length,
      pageIds: plan.pageIds,
      backup: backup && publicSnapshot(backup),
    }
    res.json(body)
  })

  return router
}
