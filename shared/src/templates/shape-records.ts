/**
 * Builds complete tldraw records (every prop set) for single template elements: frame, note, text and
 * geo shapes, arrows and their two arrow bindings. Ids, parents, indices and positions come from the caller.
 */
import type { IndexKey, JsonObject } from '@tldraw/utils'
import {
  toRichText,
  type TLArrowBinding,
  type TLArrowShape,
  type TLDefaultFontStyle,
  type TLFrameShape,
  type TLGeoShape,
  type TLNoteShape,
  type TLParentId,
  type TLShapeId,
  type TLBindingId,
  type TLTextShape,
  type VecModel,
} from '@tldraw/tlschema'
import type { ArrowElement, FrameElement, GeoElement, NoteElement, TextElement } from './template-types.js'

/** Font of all template text: the plain sans, so prompts read as structure rather than as participants' notes. */
export const TEMPLATE_FONT: TLDefaultFontStyle = 'sans'

/** Where and as what one shape is placed: id, parent, index, parent-relative position, meta. */
export interface ShapePlacement {
  id: TLShapeId
  parentId: TLParentId
  index: IndexKey
  x: number
  y: number
  meta: JsonObject
}

/** The record fields every shape shares, from a placement. */
function baseShape(placement: ShapePlacement) {
  return {
    id: placement.id,
    typeName: 'shape' as const,
    parentId: placement.parentId,
    index: placement.index,
    x: placement.x,
    y: placement.y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: placement.meta,
  }
}

/** A frame record named `name`. */
export function frameRecord(element: FrameElement, placement: ShapePlacement, name: string): TLFrameShape {
  return { ...baseShape(placement), type: 'frame', props: { w: element.w, h: element.h, name, color: element.color ?? 'black' } }
}

/** A sticky-note record showing `text`. */
export function noteRecord(element: NoteElement, placement: ShapePlacement, text: string): TLNoteShape {
  return {
    ...baseShape(placement),
    type: 'note',
    props: {
      color: element.color,
      labelColor: 'black',
      size: element.size ?? 'm',
      font: TEMPLATE_FONT,
      fontSizeAdjustment: 1,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: toRichText(text),
      scale: element.scale ?? 1,
      textLastEditedBy: null,
    },
  }
}

/** A fixed-width, wrapping text record showing `text`. */
export function textRecord(element: TextElement, placement: ShapePlacement, text: string): TLTextShape {
  return {
    ...baseShape(placement),
    type: 'text',
    props: {
      color: element.color ?? 'black',
      size: element.size ?? 'm',
      font: TEMPLATE_FONT,
      textAlign: element.align ?? 'start',
      w: element.w,
      richText: toRichText(text),
      scale: 1,
      autoSize: false,
    },
  }
}

/** A geo record (an area or quadrant) labelled `label`. */
export function geoRecord(element: GeoElement, placement: ShapePlacement, label: string): TLGeoShape {
  return {
    ...baseShape(placement),
    type: 'geo',
    props: {
      geo: element.geo ?? 'rectangle',
      dash: element.dash ?? 'solid',
      url: '',
      w: element.w,
      h: element.h,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: element.color,
      fill: element.fill ?? 'solid',
      size: element.size ?? 'm',
      font: TEMPLATE_FONT,
      align: element.align ?? 'middle',
      verticalAlign: element.verticalAlign ?? 'middle',
      richText: toRichText(label),
    },
  }
}

/** An arrow record from its placement (the start point) to `end` (relative to the start), labelled `label`. */
export function arrowRecord(element: ArrowElement, placement: ShapePlacement, end: VecModel, label: string): TLArrowShape {
  return {
    ...baseShape(placement),
    type: 'arrow',
    props: {
      kind: 'arc',
      labelColor: 'black',
      color: element.color ?? 'black',
      fill: 'none',
      dash: 'draw',
      size: 'm',
      arrowheadStart: element.arrowheadStart ?? 'none',
      arrowheadEnd: element.arrowheadEnd ?? 'arrow',
      font: TEMPLATE_FONT,
      start: { x: 0, y: 0 },
      end,
      bend: 0,
      richText: toRichText(label),
      labelPosition: 0.5,
      scale: 1,
      elbowMidPoint: 0.5,
    },
  }
}

/** The binding of one arrow terminal to the centre of a shape (imprecise, so tldraw picks the edge point). */
export function arrowBindingRecord(
  id: TLBindingId,
  arrowId: TLShapeId,
  toId: TLShapeId,
  terminal: 'start' | 'end',
  meta: JsonObject,
): TLArrowBinding {
  return {
    id,
    typeName: 'binding',
    type: 'arrow',
    fromId: arrowId,
    toId,
    meta,
    props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
  }
}
