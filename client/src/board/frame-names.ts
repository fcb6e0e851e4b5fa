/**
 * A frame someone draws gets a name in the board's language ("Rahmen"), instead of the empty name
 * that tldraw shows and exports as the English "Frame". Only frames a person creates: frames from
 * templates, imports and other browsers keep the name they came with.
 */
import type { Editor, TLShape } from '@tldraw/tldraw'

export function nameNewFrames(editor: Editor, defaultName: () => string): () => void {
  return editor.sideEffects.registerBeforeCreateHandler('shape', (shape: TLShape, source) => {
    if (source !== 'user' || shape.type !== 'frame' || shape.props.name.trim() !== '') return shape
    return { ...shape, props: { ...shape.props, name: defaultName() } }
  })
}
