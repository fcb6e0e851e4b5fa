/**
 * Names and header lines of the exports, worded in the UI language: file names from the workshop
 * title, what is exported and the date of the moment, and the PDF's subtitle (session, date).
 */
import type { Language, Messages } from '../i18n/messages'
import { exportFileName, isoDate, uniqueFileNames } from './file-names'
import type { ImageFormat, ImageScope } from './image-options'
import type { ServerFormat } from './server-files'
import { fillTemplate } from './template'

export interface NamingContext {
  title: string
  sessionTitle: string | null
  /** The moment exported (epoch ms): now for the live board, the moment shown in the replay. */
  when: number
  language: Language
  messages: Messages
  /** The workshop's time zone; the PDF's date and time are shown in it. */
  timeZone?: string
}

export function imageFileName(context: NamingContext, scope: ImageScope, format: ImageFormat): string {
  const what = scope === 'board' ? context.messages.exportFileBoard : scope === 'selection' ? context.messages.exportFileSelection : context.messages.exportFileFrames
  return exportFileName([context.title, what, isoDate(context.when)], scope === 'frames' ? 'zip' : format)
}

/** A frame's display name: its own, or "Rahmen 3" by its place in frame order. */
export function frameLabel(context: Pick<NamingContext, 'messages'>, name: string, position: number): string {
  return name.trim() !== '' ? name.trim() : fillTemplate(context.messages.exportFileFrame, { number: position + 1 })
}

/** The names of the per-frame files inside the ZIP, in frame order, unique. */
export function frameFileNames(context: NamingContext, frameLabels: readonly string[], format: ImageFormat): string[] {
  const date = isoDate(context.when)
  return uniqueFileNames(frameLabels.map((label) => exportFileName([context.title, label, date], format)))
}

export function pdfFileName(context: NamingContext): string {
  return exportFileName([context.title, context.sessionTitle, isoDate(context.when)], 'pdf')
}

export function serverFileName(context: NamingContext, format: ServerFormat): string {
  const what = format === 'tldr' ? context.messages.exportFileBoard : context.messages.exportFileResults
  return exportFileName([context.title, what, isoDate(context.when)], format)
}

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' }

/** BCP 47 tag of the UI language. */
export function localeTag(language: Language): string {
  return LOCALES[language]
}

/** "Sitzung: Ausgangslage · Stand: 25.11.2026, 14:30" (without the session part when there is none). */
export function pdfSubtitle(context: NamingContext, timeZone = context.timeZone): string {
  const date = new Intl.DateTimeFormat(localeTag(context.language), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(context.when)
  const parts = [context.sessionTitle ? `${context.messages.exportPdfSession}: ${context.sessionTitle}` : null, `${context.messages.exportPdfDate}: ${date}`]
  return parts.filter((part) => part !== null).join(' · ')
}
