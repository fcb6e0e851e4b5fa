/**
 * The choices of the export menu for images (what, which format, background, scale) and how they
 * translate into options of tldraw's own export (`editor.toImage` / `editor.getSvgString`).
 */

export const IMAGE_FORMATS = ['png', 'svg'] as const
export type ImageFormat = (typeof IMAGE_FORMATS)[number]

export const IMAGE_SCOPES = ['board', 'selection', 'frames'] as const
export type ImageScope = (typeof IMAGE_SCOPES)[number]

export const BACKGROUNDS = ['white', 'transparent'] as const
export type Background = (typeof BACKGROUNDS)[number]

export const SCALES = [1, 2, 3] as const
export type Scale = (typeof SCALES)[number]

export interface ImageChoice {
  format: ImageFormat
  scope: ImageScope
  background: Background
  scale: Scale
}

/** The subset of tldraw's TLImageExportOptions we set. */
export interface TldrawImageOptions {
  format: ImageFormat
  background: boolean
  darkMode: false
  scale: number
  pixelRatio?: number
}

/**
 * PNG: the bitmap gets `scale` pixels per page unit (tldraw's pixelRatio; the logical size stays).
 * SVG: width and height grow by `scale`. Always light mode, so "white" really is white.
 */
export function tldrawImageOptions(choice: Pick<ImageChoice, 'format' | 'background' | 'scale'>): TldrawImageOptions {
  const background = choice.background === 'white'
  if (choice.format === 'png') return { format: 'png', background, darkMode: false, scale: 1, pixelRatio: choice.scale }
  return { format: 'svg', background, darkMode: false, scale: choice.scale }
}

/** Longest side, in pixels, of a frame's picture in the PDF (keeps big boards within canvas limits and file size sane). */
export const PDF_MAX_IMAGE_SIDE = 4096
/** Pixels per page unit we aim for in the PDF (sharp when zoomed in or printed). */
export const PDF_PIXEL_RATIO = 2

/** Pixel ratio of a frame's picture in the PDF: 2, less for frames so big that the picture would exceed the limit. */
export function pdfPixelRatio(width: number, height: number): number {
  const side = Math.max(width, height, 1)
  return Math.min(PDF_PIXEL_RATIO, PDF_MAX_IMAGE_SIDE / side)
}

/** File extension and MIME type of an image format. */
export function imageMimeType(format: ImageFormat): string {
  return format === 'png' ? 'image/png' : 'image/svg+xml'
}
