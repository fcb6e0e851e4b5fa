/**
 * "Vorlagen": lists the workshop templates (title and description in the UI language) with a choice
 * of field of action (the workshop's by default) and inserts the chosen one on the current page.
 * Only mounted for roles that may edit.
 */
import { useValue, type Editor } from '@tldraw/tldraw'
import { FIELDS_OF_ACTION, TEMPLATE_LOCALES, WORKSHOP_TEMPLATES, type FieldOfAction, type TemplateLocale, type WorkshopTemplate } from '@quartierboard/shared'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useCloseOnEscape } from '../ui/use-close-on-escape'
import { useDialogFocus } from '../ui/use-dialog-focus'
import { FIELD_LABEL } from '../i18n/fields'
import { useLanguage } from '../i18n/language'
import { insertTemplate } from './insert-template'
import './templates.css'

interface TemplateMenuProps {
  editor: Editor
  /** The workshop's field of action: the default choice. */
  field: FieldOfAction
}

function templateLocale(language: string): TemplateLocale {
  return (TEMPLATE_LOCALES as readonly string[]).includes(language) ? (language as TemplateLocale) : 'de'
}

export function TemplateMenu({ editor, field }: TemplateMenuProps) {
  const { language, messages } = useLanguage()
  const [open, setOpen] = useState(false)
  const closePanel = useCallback(() => setOpen(false), [])
  const [chosenField, setChosenField] = useState<FieldOfAction>(field)
  const [failed, setFailed] = useState(false)
  // Read-only while the board is locked or a newer client version wrote to it (the board sets it).
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  const headingId = useId()
  const locale = templateLocale(language)

  useEffect(() => setChosenField(field), [field])
  useCloseOnEscape(open, closePanel)
  const openerRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  useDialogFocus(open, panelRef, openerRef)

  const insert = (template: WorkshopTemplate) => {
    try {
      insertTemplate(editor, template, { field: chosenField, locale })
      setFailed(false)
      setOpen(false)
    } catch (error) {
      console.warn('[quartierboard] inserting a template failed:', error)
      setFailed(true)
    }
  }

  return (
    <div className="kit-templates">
      <button
        type="button"
        className="kit-button"
        data-testid="templates-button"
        ref={openerRef}
        aria-expanded={open}
        onClick={() => {
          setFailed(false)
          setOpen((value) => !value)
        }}
      >
        {messages.kitTemplatesButton}
      </button>
      {open && (
        <div className="kit-templates__panel" role="dialog" aria-labelledby={headingId} data-testid="templates-panel" ref={panelRef} tabIndex={-1}>
          <header>
            <h2 id={headingId}>{messages.kitTemplatesHeading}</h2>
            <button type="button" className="kit-button kit-button--quiet" onClick={() => setOpen(false)}>
              {messages.kitTemplatesClose}
            </button>
          </header>
          <p className="kit-templates__hint">{readonly ? messages.kitTemplatesReadonly : messages.kitTemplatesHint}</p>
          <label className="kit-templates__field">
            <span>{messages.kitTemplatesField}</span>
            <select value={chosenField} onChange={(event) => setChosenField(event.target.value as FieldOfAction)} data-testid="templates-field">
              {FIELDS_OF_ACTION.map((option) => (
                <option key={option} value={option}>
                  {messages[FIELD_LABEL[option]]}
                </option>
              ))}
            </select>
          </label>
          <ul className="kit-templates__list">
            {WORKSHOP_TEMPLATES.map((template) => (
              <li key={template.id} className="kit-templates__item" data-testid={`template-${template.id}`}>
                <strong>{template.title[locale]}</strong>
                <p>{template.description[locale]}</p>
                <button
                  type="button"
                  className="kit-button"
                  disabled={readonly}
                  onClick={() => insert(template)}
                  data-testid={`template-insert-${template.id}`}
                  aria-label={`${messages.kitTemplatesInsert}: ${template.title[locale]}`}
                >
                  {messages.kitTemplatesInsert}
                </button>
              </li>
            ))}
          </ul>
          {failed && (
            <p className="kit-templates__problem" role="alert">
              {messages.kitTemplatesFailed}
            </p>
          )}
        </div>
      )}
    </div>
  )
}
