/**
 * A tldraw store with the board schema and no editor, for Node and tests. In the browser the
 * store comes from tldraw's `createTLStore`, which has the same schema.
 */
import { Store } from '@tldraw/store'
import type { TLRecord, TLStore, TLStoreProps } from '@tldraw/tlschema'
import { createBoardSchema } from '../schema.js'

/** A TLStore with the board schema, no editor, the default page, and an asset store that keeps URLs as they are. */
export function createBoardStore(options: { id?: string } = {}): TLStore {
  const props: TLStoreProps = {
    defaultName: '',
    assets: {
      upload: async () => {
        throw new Error('uploads need a browser')
      },
      resolve: (asset) => asset.props.src,
      remove: async () => {},
    },
    users: {
      currentUser: null,
      resolve: () => null,
    } as unknown as TLStoreProps['users'],
    onMount: () => {},
  }
  const store = new Store<TLRecord, TLStoreProps>({ id: options.id, schema: createBoardSchema(), props })
  // Like the editor does on mount: create the document, default page and session records.
  // (`ensureStoreIsUsable` is missing from the published types, but is what the editor calls.)
  ;(store as unknown as { ensureStoreIsUsable(): void }).ensureStoreIsUsable()
  return store
}
