/**
 * The data model of workshop templates: a template is plain data (abstract elements with positions in
 * template space, sizes, colours and text per locale with optional per-field overrides). `placeTemplate`
 * turns it into tldraw records; nothing in here knows about ids, indices or pages.
 */
import type {
  TLArrowShapeArrowheadStyle,
  TLDefaultColorStyle,
  TLDefaultFillStyle,
  TLDefaultDashStyle,
  TLDefaultHorizontalAlignStyle,
  TLDefaultSizeStyle,
  TLDefaultTextAlignStyle,
  TLDefaultVerticalAlignStyle,
  TLGeoShapeGeoStyle,
} from '@tldraw/tlschema'
import type { FieldOfAction } from '../api.js'

/** Locales every user-visible template string exists in; German first, it is the default. */
export const TEMPLATE_LOCALES = ['de', 'en'] as const
/** One of `TEMPLATE_LOCALES`. */
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number]

/** A user-visible string in every template locale. */
export type LocalizedText = Record<TemplateLocale, string>

/** Element text: the generic wording, optionally replaced for single fields of action. */
export interface TemplateText extends LocalizedText {
  /** Replacements for fields of action whose wording differs from the generic one. */
  byField?: Partial<Record<FieldOfAction, LocalizedText>>
}

/** What every positioned element has: a key unique in its template, a position and an optional parent frame. */
interface PositionedElement {
  /** Unique within the template; arrows and children refer to elements by it. */
  key: string
  /** Key of the frame this element lies in; absent for elements directly on the page. */
  parent?: string
  /** Left edge, relative to the template origin (not to the parent frame). */
  x: number
  /** Top edge, relative to the template origin (not to the parent frame). */
  y: number
}

/** A tldraw frame: a named area that holds its children. */
export interface FrameElement extends PositionedElement {
  kind: 'frame'
  w: number
  h: number
  /** The frame's name, shown above it. */
  text: TemplateText
  color?: TLDefaultColorStyle
}

/** A sticky note; tldraw notes are square, `NOTE_SIZE` × `scale` on each side. */
export interface NoteElement extends PositionedElement {
  kind: 'note'
  color: TLDefaultColorStyle
  text: TemplateText
  /** Defaults to 1. */
  scale?: number
  /** Defaults to 'm'. */
  size?: TLDefaultSizeStyle
}

/** A text block of fixed width that wraps; `h` is the height reserved for it in the layout. */
export interface TextElement extends PositionedElement {
  kind: 'text'
  w: number
  /** Height reserved in the layout (tldraw measures text itself; keep this generous). */
  h: number
  text: TemplateText
  /** Defaults to 'm'. */
  size?: TLDefaultSizeStyle
  /** Defaults to 'black'. */
  color?: TLDefaultColorStyle
  /** Defaults to 'start'. */
  align?: TLDefaultTextAlignStyle
}

/** A geo shape (rectangle by default), used for areas and matrix quadrants; its label is optional. */
export interface GeoElement extends PositionedElement {
  kind: 'geo'
  w: number
  h: number
  color: TLDefaultColorStyle
  /** Defaults to 'rectangle'. */
  geo?: TLGeoShapeGeoStyle
  /** Defaults to 'solid' (a pale tint of `color`). */
  fill?: TLDefaultFillStyle
  /** Defaults to 'solid'. */
  dash?: TLDefaultDashStyle
  text?: TemplateText
  /** Defaults to 'm'. */
  size?: TLDefaultSizeStyle
  /** Label alignment; defaults to 'middle'. */
  align?: TLDefaultHorizontalAlignStyle
  /** Label alignment; defaults to 'middle'. */
  verticalAlign?: TLDefaultVerticalAlignStyle
}

/**
 * An arrow bound to two other (non-arrow) elements, from centre to centre. Its parent is derived:
 * the innermost frame holding both ends, else the page.
 */
export interface ArrowElement {
  kind: 'arrow'
  key: string
  /** Key of the element the arrow starts at. */
  from: string
  /** Key of the element the arrow points to. */
  to: string
  text?: TemplateText
  /** Defaults to 'black'. */
  color?: TLDefaultColorStyle
  /** Defaults to 'none'. */
  arrowheadStart?: TLArrowShapeArrowheadStyle
  /** Defaults to 'arrow'. */
  arrowheadEnd?: TLArrowShapeArrowheadStyle
}

/** Any element with a box of its own (everything but arrows). */
export type BoxElement = FrameElement | NoteElement | TextElement | GeoElement

/** Any template element. */
export type TemplateElement = BoxElement | ArrowElement

/** A workshop template: metadata for pickers plus its elements, in z-order (later elements on top). */
export interface WorkshopTemplate {
  /** Stable id, e.g. 'case-study-map'; stored in the `meta` of placed shapes. */
  id: string
  title: LocalizedText
  description: LocalizedText
  elements: readonly TemplateElement[]
}
