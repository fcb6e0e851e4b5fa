/** Public API of workshop templates: the template data model, the registry and placing templates on a page. */
export * from './template-types.js'
export { resolveText } from './template-text.js'
export { NOTE_SIZE, elementBox, templateBounds } from './template-geometry.js'
export {
  FRAME_TITLE_CLEARANCE,
  NOTE_TEXT_WIDTH,
  frameTitleArea,
  labelFontPx,
  smallestPromptFontPx,
  textFontPx,
} from './template-legibility.js'
export { TemplateStructureError, analyseTemplate, type TemplateTree } from './template-tree.js'
export { placeTemplate, type PlaceTemplateOptions, type PlacedTemplate } from './place-template.js'
export { WORKSHOP_TEMPLATES, findTemplate } from './registry.js'
export { caseStudyMapTemplate } from './case-study-map.js'
export { actorMapTemplate } from './actor-map.js'
export { recommendationsTemplate } from './recommendations.js'
export { SCAFFOLD_META_KEY, isUntouchedScaffold, templateProvenance, type TemplateProvenance } from './template-meta.js'
