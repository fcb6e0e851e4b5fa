import { describe, expect, it } from 'vitest'
import { notesInFrame } from './vote-notes'

describe('notes of a vote', () => {
  it('are the notes inside the frame, also in groups within it, and nothing else', () => {
    const shapes = [
      { id: 'shape:f', type: 'frame', parentId: 'page:p' },
      { id: 'shape:a', type: 'note', parentId: 'shape:f' },
      { id: 'shape:g', type: 'group', parentId: 'shape:f' },
      { id: 'shape:b', type: 'note', parentId: 'shape:g' },
      { id: 'shape:t', type: 'text', parentId: 'shape:f' },
      { id: 'shape:out', type: 'note', parentId: 'page:p' },
    ]
    expect(notesInFrame(shapes, 'shape:f')).toEqual(['shape:a', 'shape:b'])
    expect(notesInFrame(shapes, 'shape:missing')).toEqual([])
  })
})
