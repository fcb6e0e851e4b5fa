/**
 * Splits one Yjs update (v1) into several that, applied in order, give the same document, each of
 * a bounded size. For a client's answer to the server's sync step 1 (its sync step 2): after a large
 * paste made offline, that answer holds the whole paste, and Yjs merges the paste's transactions
 * into one item of thousands of records, so splitting transactions (change-pieces.ts) does not help.
 *
 * How: the update's structs are read with `Y.decodeUpdate`; an item whose content is a run of JSON
 * values (`ContentAny`, the records array's entries) is cut into slices, each written as an item of
 * its own whose origin is the previous slice's last element, exactly as Yjs writes a split item.
 * Pieces are written in the update's order (per client, by clock), so each builds on the ones before;
 * the last piece is `Y.diffUpdate` of the whole update against what the earlier pieces covered, so
 * it carries the remaining structs and the update's whole delete set. An update with gaps (`Skip`
 * structs) is returned whole.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** One struct or a slice [start, end) of an item's JSON values. */
interface Slice {
  struct: Y.Item | Y.GC
  start: number
  end: number
}

interface ClientRun {
  client: number
  slices: Slice[]
}

/** Splits `update` into updates of about `maxBytes` each (a single JSON value larger than that stays whole). */
export function splitUpdate(update: Uint8Array, maxBytes: number): Uint8Array[] {
  if (update.byteLength <= maxBytes) return [update]
  const { structs } = Y.decodeUpdate(update)
  if (structs.some((struct) => struct instanceof Y.Skip)) return [update]
  const pieces: ClientRun[][] = []
  let piece: ClientRun[] = []
  let pieceBytes = 0
  const add = (slice: Slice, bytes: number) => {
    if (pieceBytes > 0 && pieceBytes + bytes > maxBytes) {
      pieces.push(piece)
      piece = []
      pieceBytes = 0
    }
    const client = slice.struct.id.client
    const run = piece[piece.length - 1]
    if (run && run.client === client) run.slices.push(slice)
    else piece.push({ client, slices: [slice] })
    pieceBytes += bytes
  }
  for (const struct of structs as Array<Y.Item | Y.GC>) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny) {
      const values = struct.content.arr
      let start = 0
      let bytes = 0
      for (let index = 0; index < values.length; index++) {
        const valueBytes = jsonBytes(values[index])
        if (bytes > 0 && bytes + valueBytes > maxBytes - pieceBytes) {
          add({ struct, start, end: index }, bytes)
          start = index
          bytes = 0
        }
        bytes += valueBytes
      }
      add({ struct, start, end: values.length }, bytes)
    } else {
      add({ struct, start: 0, end: struct.length }, struct instanceof Y.Item ? jsonBytes(struct.content.getContent()) : 8)
    }
  }
  pieces.push(piece)
  if (pieces.length === 1) return [update]
  // Every piece but the last written by hand; the last one is what the earlier ones did not cover.
  const covered = new Map<number, number>()
  const written = pieces.slice(0, -1).map((runs) => {
    for (const run of runs) {
      const last = run.slices[run.slices.length - 1]!
      covered.set(run.client, last.struct.id.clock + last.end)
    }
    return encodeRuns(runs)
  })
  const rest = Y.diffUpdate(update, encodeStateVector(covered))
  return [...written, rest]
}

function encodeRuns(runs: ClientRun[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, runs.length)
  for (const run of runs) {
    encoding.writeVarUint(encoder.restEncoder, run.slices.length)
    encoder.writeClient(run.client)
    encoding.writeVarUint(encoder.restEncoder, run.slices[0]!.struct.id.clock + run.slices[0]!.start)
    for (const slice of run.slices) sliceAsStruct(slice).write(encoder, 0)
  }
  encoding.writeVarUint(encoder.restEncoder, 0) // no deletions: the last piece carries them
  return encoder.toUint8Array()
}

/** A slice as a struct of its own, with the origin Yjs gives the right part of a split item. */
function sliceAsStruct({ struct, start, end }: Slice): Y.Item | Y.GC {
  if (start === 0 && end === struct.length) return struct
  const item = struct as Y.Item
  const values = (item.content as Y.ContentAny).arr.slice(start, end)
  const { client, clock } = item.id
  const origin = start > 0 ? Y.createID(client, clock + start - 1) : item.origin
  return new Y.Item(Y.createID(client, clock + start), null, origin, null, item.rightOrigin, item.parent, item.parentSub, new Y.ContentAny(values))
}

function encodeStateVector(clocks: Map<number, number>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, clocks.size)
  for (const [client, clock] of clocks) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, clock)
  }
  return encoding.toUint8Array(encoder)
}

const textEncoder = new TextEncoder()

function jsonBytes(value: unknown): number {
  return textEncoder.encode(JSON.stringify(value) ?? '').length
}
