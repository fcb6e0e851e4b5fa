/**
 * Compression of stored Yjs data. Whole-board states (checkpoints, snapshots) and merged updates
 * are mostly repeated JSON and shrink ten- to twentyfold with raw deflate; single live updates
 * gain little and stay as they are, keeping the append path cheap. A row says whether its bytes
 * are deflated, so both kinds live side by side.
 */
import { promisify } from 'node:util'
import zlib from 'node:zlib'

const deflateRaw = promisify(zlib.deflateRaw)

/** Stored bytes and whether they are deflated. */
export interface StoredBytes {
  bytes: Uint8Array
  deflated: boolean
}

/** Deflates off the main thread (zlib's thread pool), so big states do not stall other rooms. */
export async function compress(data: Uint8Array): Promise<StoredBytes> {
  const deflated = await deflateRaw(data, { level: 6 })
  return deflated.byteLength < data.byteLength ? { bytes: deflated, deflated: true } : { bytes: data, deflated: false }
}

export function decompress(bytes: Uint8Array, deflated: boolean | number): Uint8Array {
  if (!deflated) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const inflated = zlib.inflateRawSync(bytes)
  return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength)
}
