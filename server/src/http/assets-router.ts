/**
 * Board assets (images dropped or pasted on the board): `POST /api/workshops/:id/assets` takes the
 * raw file as body with its Content-Type and answers `{ url }`; the board stores only that URL.
 * Files live in `DATA_DIR/assets/<workshopId>/<random>.<ext>`. The declared type must be an
 * accepted image type and must match the file's first bytes, so nothing else is ever served back
 * under an image type. SVGs are served with a sandboxing CSP, so a script inside one never runs.
 * Uploads count against a quota per workshop and per uploader (`asset-quota.ts`). The uploader is
 * the person: the server-issued identity whose secret the upload carries in `X-Identity` (a wrong
 * one is refused with 401, as on every route that acts for a person). An upload without one (a
 * client that has not asked for an identity, a script with only the link) counts against its IP
 * address (`req.ip`, behind a trusted proxy its X-Forwarded-For).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import express, { type Request, type Router } from 'express'
import { ACCEPTED_ASSET_TYPES, IDENTITY_HEADER, MAX_ASSET_BYTES, type UploadAssetResponse } from '@quartierboard/shared'
import { checkIdentity } from '../identities/check-identity.js'
import type { BoardStore } from '../store/board-store.js'
import { AssetStorage, type AssetQuota } from './asset-quota.js'
import { HttpError } from './errors.js'
import { accessOf, authorize } from './authorize.js'

type AcceptedType = (typeof ACCEPTED_ASSET_TYPES)[number]

const EXTENSION_OF: Record<AcceptedType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
}
const TYPE_OF_EXTENSION = new Map(Object.entries(EXTENSION_OF).map(([type, extension]) => [extension, type as AcceptedType]))
const ASSET_NAME = /^[A-Za-z0-9_-]{22}\.(png|jpg|gif|webp|svg)$/

export interface AssetsRouterOptions {
  store: BoardStore
  dataDir: string
  quota: AssetQuota
}

export function assetsRouter({ store, dataDir, quota }: AssetsRouterOptions): Router {
  const router = express.Router({ mergeParams: true })
  const assetsDir = path.join(dataDir, 'assets')
  const storage = new AssetStorage(assetsDir, quota, (name) => ASSET_NAME.test(name))

  router.post('/', authorize(store, 'uploadAsset'), express.raw({ type: () => true, limit: MAX_ASSET_BYTES }), async (req, res) => {
    const { workshop } = accessOf(res)
    const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (!isAcceptedType(type)) {
      throw new HttpError(415, 'unsupported_asset_type', `Accepted are ${ACCEPTED_ASSET_TYPES.join(', ')}.`)
    }
    const body = req.body as unknown
    if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'empty_asset', 'The upload is empty.')
    if (!looksLike(type, body)) throw new HttpError(415, 'asset_type_mismatch', `The file is not a valid ${type}.`)
    const name = `${randomBytes(16).toString('base64url')}.${EXTENSION_OF[type]}`
    await storage.save(workshop.id, await uploaderOf(store, workshop.id, req), name, body)
    const response: UploadAssetResponse = { url: `/api/workshops/${workshop.id}/assets/${name}` }
    res.status(201).json(response)
  })

  // Images are fetched by <img> tags, which cannot send headers: the client's asset resolver
  // appends the viewer's token as `?token=`.
  router.get('/:name', authorize(store), async (req, res) => {
    const { workshop } = accessOf(res)
    const name = String(req.params.name ?? '')
    if (!ASSET_NAME.test(name)) throw new HttpError(404, 'asset_not_found', 'No such asset.')
    const type = TYPE_OF_EXTENSION.get(name.split('.')[1] ?? '')!
    let file: Buffer
    try {
      file = await fs.readFile(path.join(assetsDir, workshop.id, name))
    } catch {
      throw new HttpError(404, 'asset_not_found', 'No such asset.')
    }
    res.set({
      'Content-Type': type,
      'Cache-Control': 'private, max-age=31536000, immutable',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    })
    res.send(file)
  })

  return router
}

/** Whose quota an upload counts against: its identity, else its address (see the note at the top). */
async function uploaderOf(store: BoardStore, workshopId: string, req: Request): Promise<string> {
  const secret = req.get(IDENTITY_HEADER)
  if (secret === undefined) return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`
  const check = await checkIdentity(store, workshopId, secret)
  if (!check.ok) throw new HttpError(401, check.code, check.message)
  return `identity:${check.identityId}`
}

function isAcceptedType(type: string): type is AcceptedType {
  return (ACCEPTED_ASSET_TYPES as readonly string[]).includes(type)
}

/** Checks the file's signature against its declared type. */
function looksLike(type: AcceptedType, file: Buffer): boolean {
  switch (type) {
    case 'image/png':
      return file.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    case 'image/jpeg':
      return file[0] === 0xff && file[1] === 0xd8 && file[2] === 0xff
    case 'image/gif':
      return file.subarray(0, 6).toString('latin1') === 'GIF87a' || file.subarray(0, 6).toString('latin1') === 'GIF89a'
    case 'image/webp':
      return file.subarray(0, 4).toString('latin1') === 'RIFF' && file.subarray(8, 12).toString('latin1') === 'WEBP'
    case 'image/svg+xml': {
      const head = file.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart()
      return (head.startsWith('<?xml') || head.startsWith('<svg') || head.startsWith('<!--') || head.startsWith('<!DOCTYPE svg')) && /<svg[\s>]/.test(file.toString('utf8'))
    }
    default: {
      const unreachable: never = type
      return unreachable
    }
  }
}
