import { describe, expect, it } from 'vitest'
import { initialBoardView } from './view-mode'

describe('initialBoardView', () => {
  it('starts phones (below 600 px) in the list view, wider screens on the canvas', () => {
    expect(initialBoardView(360)).toBe('list')
    expect(initialBoardView(390)).toBe('list')
    expect(initialBoardView(599)).toBe('list')
    expect(initialBoardView(600)).toBe('canvas')
    expect(initialBoardView(1280)).toBe('canvas')
  })
})
