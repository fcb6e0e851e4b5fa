/**
 * Upload quotas: a workshop's images may take at most `perWorkshopBytes` (MAX_ASSET_BYTES_PER_WORKSHOP)
 * on disk, and one uploader at most `perUploaderBytes` (MAX_ASSET_BYTES_PER_UPLOADER) of that.
 *
 * The workshop's total is what its folder holds (the files are the truth, so uploads from before the
 * quota count too). Who uploaded what is kept in a small ledger beside the files,
 * `DATA_DIR/assets/<workshopId>/uploads.json` (file name -> bytes and a hash of the uploader's key;
 * never served, since its name is not an asset name, and removed with the folder when the workshop
 * is deleted). Checking and writing run one at a time per workshop, so two uploads at once cannot
 * both squeeze under the limit. A file over a quota is refused with 413 before anything is written;
 * a write that fails half-way removes what it wrote, so the folder never keeps a partial file.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { HttpError } from './errors.js'

export interface AssetQuota {
  /** Bytes all of a workshop's uploaded files may take together (MAX_ASSET_BYTES_PER_WORKSHOP). */
  perWorkshopBytes: number
  /** Bytes one uploader may add to a workshop (MAX_ASSET_BYTES_PER_UPLOADER). */
  perUploaderBytes: number
}

const LEDGER_FILE = 'uploads.json'

const Ledger = z.object({
  version: z.literal(1),
  files: z.record(z.string(), z.object({ bytes: z.number().int().nonnegative(), uploader: z.string() })),
})
type Ledger = z.infer<typeof Ledger>

/** A size for messages: bytes, KiB or MiB (one decimal). */
function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
}

/** The ledger names uploaders by a hash of their key, so no client address is written to disk. */
function uploaderHash(uploaderKey: string): string {
  return createHash('sha256').update(`uploader:${uploaderKey}`).digest('base64url').slice(0, 22)
}

export class AssetStorage {
  /** The tail of each workshop's queue of checks and writes. */
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(
    private readonly assetsDir: string,
    private readonly quota: AssetQuota,
    private readonly isAssetName: (name: string) => boolean,
  ) {}

  /** Stores `file` as `name` in the workshop's folder if both quotas allow it; else throws a 413 HttpError. */
  save(workshopId: string, uploaderKey: string, name: string, file: Buffer): Promise<void> {
    return this.oneAtATime(workshopId, () => this.checkAndWrite(workshopId, uploaderHash(uploaderKey), name, file))
  }

  private async checkAndWrite(workshopId: string, uploader: string, name: string, file: Buffer): Promise<void> {
    const folder = path.join(this.assetsDir, workshopId)
    const { perWorkshopBytes, perUploaderBytes } = this.quota
    const [used, ledger] = await Promise.all([this.bytesInFolder(folder), readLedger(folder)])
    if (used + file.length > perWorkshopBytes) {
      throw new HttpError(
        413,
        'workshop_asset_quota_exceeded',
        `This workshop's uploads would exceed ${size(perWorkshopBytes)}: ${size(used)} are used, the file has ${size(file.length)}.`,
      )
    }
    const byUploader = Object.values(ledger.files).reduce((sum, entry) => (entry.uploader === uploader ? sum + entry.bytes : sum), 0)
    if (byUploader + file.length > perUploaderBytes) {
      throw new HttpError(
        413,
        'uploader_asset_quota_exceeded',
        `Your uploads to this workshop would exceed ${size(perUploaderBytes)}: you uploaded ${size(byUploader)}, the file has ${size(file.length)}.`,
      )
    }
    await fs.mkdir(folder, { recursive: true })
    const target = path.join(folder, name)
    try {
      await fs.writeFile(target, file, { flag: 'wx' })
      ledger.files[name] = { bytes: file.length, uploader }
      await writeLedger(folder, ledger)
    } catch (error) {
      await fs.rm(target, { force: true })
      throw error
    }
  }

  /** Bytes of the asset files in a workshop's folder (0 when it has none yet). */
  private async bytesInFolder(folder: string): Promise<number> {
    let names: string[]
    try {
      names = await fs.readdir(folder)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0
      throw error
    }
    const sizes = await Promise.all(names.filter(this.isAssetName).map(async (name) => (await fs.stat(path.join(folder, name))).size))
    return sizes.reduce((sum, size) => sum + size, 0)
  }

  private oneAtATime<T>(workshopId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(workshopId) ?? Promise.resolve()
    const run = previous.then(work) // `previous` never rejects: the tail below swallows each outcome
    const tail = run.then(
      () => undefined,
      () => undefined,
    )
    this.queues.set(workshopId, tail)
    void tail.then(() => {
      if (this.queues.get(workshopId) === tail) this.queues.delete(workshopId)
    })
    return run
  }
}

async function readLedger(folder: string): Promise<Ledger> {
  let text: string
  try {
    text = await fs.readFile(path.join(folder, LEDGER_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, files: {} }
    throw error
  }
  return Ledger.parse(JSON.parse(text))
}

/** Written to a temporary file and renamed, so a crash leaves the old ledger or the new one. */
async function writeLedger(folder: string, ledger: Ledger): Promise<void> {
  const file = path.join(folder, LEDGER_FILE)
  const temporary = `${file}.tmp`
  await fs.writeFile(temporary, JSON.stringify(ledger))
  await fs.rename(temporary, file)
}
