/**
 * Builds a ZIP archive in the browser (fflate): one entry per file, names in UTF-8 so umlauts
 * survive. PNGs are already compressed and are stored as they are; text (SVG) is deflated.
 */
import { zipSync, type Zippable } from 'fflate'

export interface ZipEntry {
  name: string
  data: Uint8Array
}

const ALREADY_COMPRESSED = /\.(png|jpe?g|gif|webp|pdf|zip)$/i

/** The archive of `entries` (names must be unique). */
export function zipFiles(entries: readonly ZipEntry[], modified: Date = new Date()): Uint8Array {
  const files: Zippable = {}
  for (const entry of entries) {
    if (Object.hasOwn(files, entry.name)) throw new Error(`duplicate zip entry ${entry.name}`)
    files[entry.name] = [entry.data, { level: ALREADY_COMPRESSED.test(entry.name) ? 0 : 6, mtime: modified }]
  }
  return zipSync(files)
}
