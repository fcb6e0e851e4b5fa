/**
 * tldraw's asset store for a workshop: dropped or pasted files are uploaded to our server and the
 * board keeps only the returned URL, never the bytes. Our asset URLs need the viewer's token,
 * which an `<img>` cannot send as a header: `resolve` appends it as `?token=` for this browser only.
 */
import type { TLAssetStore } from '@tldraw/tldraw'
import { workshopToken } from '../access/workshop-token'
import { uploadAsset } from '../api'
import { identityHeaders, storedWorkshopIdentity } from './identity'

export function workshopAssetStore(workshopId: string): TLAssetStore {
  const ownAssets = `/api/workshops/${encodeURIComponent(workshopId)}/assets/`
  return {
    async upload(_asset, file) {
      // The identity makes the per-person upload quota count this person, not everyone behind one IP.
      const { url } = await uploadAsset(workshopId, file, identityHeaders(storedWorkshopIdentity(workshopId)))
      return { src: url }
    },
    resolve(asset) {
      const src = asset.props.src
      if (!src || !src.startsWith(ownAssets)) return src
      const token = workshopToken(workshopId)
      return token ? `${src}?token=${encodeURIComponent(token)}` : src
    },
  }
}
