/** The message key naming each field of action. */
import type { FieldOfAction } from '@quartierboard/shared'
import type { Messages } from './messages'

export const FIELD_LABEL: Record<FieldOfAction, keyof Messages> = {
  zentrenentwicklung: 'fieldZentrenentwicklung',
  quartiersentwicklung: 'fieldQuartiersentwicklung',
  'klein-mittelstaedte': 'fieldKleinMittelstaedte',
  other: 'fieldOther',
}
