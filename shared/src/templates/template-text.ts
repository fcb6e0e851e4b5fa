/** Picks the wording of a template string for one field of action and locale. */
import type { FieldOfAction } from '../api.js'
import type { TemplateLocale, TemplateText } from './template-types.js'

/** The text for `field` and `locale`: the field's replacement if there is one, else the generic wording. */
export function resolveText(text: TemplateText, field: FieldOfAction, locale: TemplateLocale): string {
  return (text.byField?.[field] ?? text)[locale]
}
