/**
 * Download names of exports: "<Workshop-Titel> – <Teil> – <JJJJ-MM-TT>.<ext>", e.g.
 * "Fallbeispiel Görlitz – Ausgangslage – 2026-11-25.png". Characters that Windows, macOS or Linux
 * refuse in file names are replaced; umlauts and other letters stay.
 */

/** Characters invalid in file names on some system (and control characters). */
// eslint-disable-next-line no-control-regex -- control characters are what this removes from file names
const INVALID_CHARACTERS = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g
/** Names Windows reserves for devices, with or without an extension. */
const RESERVED_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i
/** Longest base name (without extension); file systems allow 255 bytes, umlauts take two. */
export const MAX_BASE_NAME_LENGTH = 120

const SEPARATOR = ' – '

/** One part of a name, cleaned: invalid characters become spaces, whitespace collapses, no leading/trailing dots. */
export function sanitizeFileNamePart(part: string): string {
  return part
    .normalize('NFC')
    .replace(INVALID_CHARACTERS, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '')
}

/** The local calendar date of `epochMs` as YYYY-MM-DD. */
export function isoDate(epochMs: number): string {
  const date = new Date(epochMs)
  const two = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`
}

/** Joins the non-empty parts with " – " and adds the extension; never empty, never a reserved name. */
export function exportFileName(parts: ReadonlyArray<string | null | undefined>, extension: string): string {
  let base = parts
    .map((part) => sanitizeFileNamePart(part ?? ''))
    .filter((part) => part !== '')
    .join(SEPARATOR)
  if (base.length > MAX_BASE_NAME_LENGTH) base = [...base].slice(0, MAX_BASE_NAME_LENGTH).join('').trim()
  if (base === '') base = 'Quartierboard'
  if (RESERVED_NAMES.test(base)) base = `_${base}`
  return `${base}.${extension.replace(/^\.+/, '')}`
}

/** Makes names unique (case-insensitively, as on Windows and macOS) by adding " (2)", " (3)" … before the extension. */
export function uniqueFileNames(names: readonly string[]): string[] {
  const taken = new Set<string>()
  return names.map((name) => {
    const dot = name.lastIndexOf('.')
    const stem = dot > 0 ? name.slice(0, dot) : name
    const extension = dot > 0 ? name.slice(dot) : ''
    let candidate = name
    for (let number = 2; taken.has(candidate.toLowerCase()); number++) candidate = `${stem} (${number})${extension}`
    taken.add(candidate.toLowerCase())
    return candidate
  })
}
