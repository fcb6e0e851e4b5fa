/**
 * Which of the board's two views a person sees: the canvas (tldraw) or the list view. Phones start
 * in the list view, where a canvas is hard to work with; anyone can switch. The choice is published
 * in presence (`view`), so that facilitators know who sees no cursors.
 */

export type BoardView = 'list' | 'canvas'

/** Viewports narrower than this (CSS px) start in the list view. */
export const LIST_VIEW_BELOW_PX = 600

/** The view a board opens in on a viewport `width` px wide. */
export function initialBoardView(width: number): BoardView {
  return width < LIST_VIEW_BELOW_PX ? 'list' : 'canvas'
}

/** The awareness field the view is published in. */
export const VIEW_AWARENESS_FIELD = 'view'
