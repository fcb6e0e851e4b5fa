/** Which sticky notes take part in a vote: the notes whose parent chain reaches the vote's frame. */

interface ShapeLike {
  id: string
  type: string
  parentId: string
}

/** Ids of the notes inside `frameId` (also inside groups or nested frames within it). */
export function notesInFrame(shapes: readonly ShapeLike[], frameId: string): string[] {
  const byId = new Map(shapes.map((shape) => [shape.id, shape]))
  const inside = (shape: ShapeLike): boolean => {
    let parent: string | undefined = shape.parentId
    for (let depth = 0; parent && depth < 50; depth++) {
      if (parent === frameId) return true
      parent = byId.get(parent)?.parentId
    }
    return false
  }
  return shapes.filter((shape) => shape.type === 'note' && inside(shape)).map((shape) => shape.id)
}
