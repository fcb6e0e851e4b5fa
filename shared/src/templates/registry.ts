/** The workshop templates on offer; adding a template means adding its file and one line here. */
import { actorMapTemplate } from './actor-map.js'
import { caseStudyMapTemplate } from './case-study-map.js'
import { recommendationsTemplate } from './recommendations.js'
import type { WorkshopTemplate } from './template-types.js'

/** Every workshop template, in the order pickers show them. */
export const WORKSHOP_TEMPLATES: readonly WorkshopTemplate[] = [caseStudyMapTemplate, actorMapTemplate, recommendationsTemplate]

/** The template with id `id`, or undefined. */
export function findTemplate(id: string): WorkshopTemplate | undefined {
  return WORKSHOP_TEMPLATES.find((template) => template.id === id)
}
