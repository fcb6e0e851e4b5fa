/**
 * Words and date formats of the results record in German (default) and English: fields of action, tldraw
 * colours, headings. Dates are formatted from Intl parts into fixed patterns (not locale strings), so the
 * output is the same on every server and browser whatever their ICU version or default time zone.
 */
import type { FieldOfAction } from '../api.js'

/** Languages of the results record. */
export type ResultsLocale = 'de' | 'en'

/** Time zone used for dates and times unless the caller names another. */
export const DEFAULT_RESULTS_TIME_ZONE = 'Europe/Berlin'

const FIELD_LABELS: Record<ResultsLocale, Record<FieldOfAction, string>> = {
  de: {
    zentrenentwicklung: 'Zentrenentwicklung',
    quartiersentwicklung: 'Quartiersentwicklung',
    'klein-mittelstaedte': 'Klein- und Mittelstädte im ländlichen Raum',
    other: 'Sonstiges',
  },
  en: {
    zentrenentwicklung: 'Town centre development',
    quartiersentwicklung: 'Neighbourhood development',
    'klein-mittelstaedte': 'Small and medium-sized towns in rural areas',
    other: 'Other',
  },
}

const COLOR_LABELS: Record<ResultsLocale, Record<string, string>> = {
  de: {
    black: 'Schwarz', grey: 'Grau', 'light-violet': 'Hellviolett', violet: 'Violett', blue: 'Blau', 'light-blue': 'Hellblau',
    yellow: 'Gelb', orange: 'Orange', green: 'Grün', 'light-green': 'Hellgrün', 'light-red': 'Hellrot', red: 'Rot', white: 'Weiß',
  },
  en: {
    black: 'Black', grey: 'Grey', 'light-violet': 'Light violet', violet: 'Violet', blue: 'Blue', 'light-blue': 'Light blue',
    yellow: 'Yellow', orange: 'Orange', green: 'Green', 'light-green': 'Light green', 'light-red': 'Light red', red: 'Red', white: 'White',
  },
}

/**
 * Where a sticky note is drawn in another colour than its name says. tldraw 5.4's default theme fills notes
 * with `noteFill` (editor `defaultThemes.ts`, light mode): the default `black` note is a pale yellow
 * (#FCE19C) and `yellow` a pale orange (#FED49A); every other note colour looks like its name (blue #8AA3FF,
 * light-red #F7A5A1, ...). Other shapes draw `black` black and `yellow` as an amber yellow (#f1ac4b).
 */
const NOTE_COLOR_LABELS: Record<ResultsLocale, Record<string, string>> = {
  de: { black: 'Gelb', yellow: 'Hellorange' },
  en: { black: 'Yellow', yellow: 'Light orange' },
}

/** Fixed words of the results record. */
export const RESULTS_TEXT = {
  de: {
    title: 'Ergebnisprotokoll',
    field: 'Handlungsfeld',
    session: 'Sitzung',
    date: 'Datum',
    participants: 'Teilnehmende',
    generated: 'Erstellt',
    moment: 'Stand',
    pastMoment: 'früherer Zeitpunkt aus dem Verlauf',
    outsideFrames: 'Ohne Rahmen',
    untitledFrame: 'Rahmen ohne Titel',
    noItems: 'Keine Beiträge.',
    empty: '(leer)',
    note: 'Notiz',
    text: 'Text',
    geo: 'Form',
    relation: 'Beziehung',
    arrow: 'Pfeil',
    area: 'Bereich',
    from: 'ab',
    timeSuffix: ' Uhr',
    votes: (count: number) => (count === 1 ? '1 Stimme' : `${count} Stimmen`),
    csvHeader: ['Rahmen', 'Reihenfolge', 'Typ', 'Text', 'Farbe', 'Bereich', 'Autor*in', 'Zeit (ISO 8601)', 'Stimmen'],
  },
  en: {
    title: 'Results record',
    field: 'Field of action',
    session: 'Session',
    date: 'Date',
    participants: 'Participants',
    generated: 'Generated',
    moment: 'As of',
    pastMoment: 'a past moment from the history',
    outsideFrames: 'Outside frames',
    untitledFrame: 'Untitled frame',
    noItems: 'No contributions.',
    empty: '(empty)',
    note: 'Note',
    text: 'Text',
    geo: 'Shape',
    relation: 'Relation',
    arrow: 'Arrow',
    area: 'Area',
    from: 'from',
    timeSuffix: '',
    votes: (count: number) => (count === 1 ? '1 vote' : `${count} votes`),
    csvHeader: ['Frame', 'Order', 'Type', 'Text', 'Colour', 'Area', 'Author', 'Time (ISO 8601)', 'Votes'],
  },
} as const

/** The label of a field of action. */
export function fieldLabel(field: FieldOfAction, locale: ResultsLocale): string {
  return FIELD_LABELS[locale][field]
}

/**
 * The colour people see for a tldraw colour name (`light-blue` → `Hellblau`), for `shapeType` when given:
 * a note stored as `black` is drawn yellow (see `NOTE_COLOR_LABELS`). An unknown name is returned as it is.
 */
export function colorLabel(color: string, locale: ResultsLocale, shapeType?: string): string {
  if (shapeType === 'note' && Object.hasOwn(NOTE_COLOR_LABELS[locale], color)) return NOTE_COLOR_LABELS[locale][color]!
  return Object.hasOwn(COLOR_LABELS[locale], color) ? COLOR_LABELS[locale][color]! : color
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** Throws a RangeError when `timeZone` is not an IANA time zone the runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone)
}

function partsOf(epochMs: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = { year: '', month: '', day: '', hour: '', minute: '' }
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type in parts) parts[part.type as keyof typeof parts] = part.value
  }
  return parts
}

/** A calendar date: `24.11.2025` (de) or `2025-11-24` (en). */
export function formatDate(epochMs: number, locale: ResultsLocale, timeZone: string): string {
  const { year, month, day } = partsOf(epochMs, timeZone)
  return locale === 'de' ? `${day}.${month}.${year}` : `${year}-${month}-${day}`
}

/** A 24-hour clock time: `14:05`. */
export function formatTime(epochMs: number, timeZone: string): string {
  const { hour, minute } = partsOf(epochMs, timeZone)
  return `${hour}:${minute}`
}
