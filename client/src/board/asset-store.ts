/**
 * tldraw's asset store for a workshop: dropped or pasted files are uploaded to our server and the
 * board keeps only the returned URL, never the bytes.
 */
import type { TLAssetStore } from '@tldraw/tldraw'
import { uploadAsset } from '../api'

export function workshopAssetStore(workshopId: string): TLAssetStore {
  return {
    async upload(_asset, file) {
      const { url } = await uploadAsset(workshopId, file)
      return { src: url }
    },
    resolve(asset) {
      return asset.props.src
    },
  }
}
