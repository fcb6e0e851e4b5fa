/**
 * The results record as a Markdown document (CommonMark/GFM) for reading, printing and pasting into reports.
 * All user text (titles, notes, names) is escaped so it stays text, and only where it would otherwise become
 * markup, so the raw file reads like the board: `<` becomes `&lt;` (no HTML, no autolinks in angle brackets),
 * `&` becomes `&amp;` only where it starts a character reference (`&lt;`, `&#60;`), `>` becomes `&gt;` only at
 * the start of a line (a block quote); a plain `&` or `>` in a sentence stays as it is. Markdown punctuation
 * gets a backslash, line-start markers (`-`, `+`, `=`, `1.`) are neutralised, and `scheme://` and `www.` get
 * a backslash so GFM does not autolink them: a note can never add a heading, link, list, table or HTML. (Renderers with fuzzy linkify,
 * such as markdown-it with `linkify: true`, may still link a bare domain or e-mail address; such a link
 * always shows its own target.)
 *
 * Line breaks inside a note: each non-blank line becomes an indented continuation line of the note's list
 * item, joined with CommonMark backslash hard breaks (`\` at line end). Blank lines and surrounding
 * whitespace of each line are dropped, so a note never splits its list item or the list.
 */
import { formatDate, formatTime, RESULTS_TEXT } from './results-labels.js'
import type { ResultsItem, ResultsRecord } from './results-record.js'

/** An `&` that CommonMark would read as a character reference: named, decimal or hexadecimal. */
const CHARACTER_REFERENCE = /&(?=[A-Za-z][A-Za-z0-9]{0,31};|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)/g

/** Control characters other than line breaks and tab, removed from user text. */
// eslint-disable-next-line no-control-regex -- control characters are what this removes from user text
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000e-\u001f\u007f]/g

/** Every kind of line break a user may paste: CRLF, LF, CR, VT, FF, NEL, LS, PS. */
// eslint-disable-next-line no-control-regex -- VT and FF are line breaks to split on
const LINE_BREAKS = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/

/** Escapes one line of user text for Markdown (see the module header). The line must not contain line breaks. */
export function escapeMarkdownLine(line: string): string {
  let escaped = line
    .replace(CHARACTER_REFERENCE, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/^>/, '&gt;')
    .replace(/[\\`*_[\]|~#]/g, '\\$&')
  if (/^[-+=]/.test(escaped)) escaped = `\\${escaped}`
  return escaped
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/\b([a-z][a-z0-9+.-]*):(?=\/\/)/gi, '$1\\:')
    .replace(/\b(www)\./gi, '$1\\.')
}

/** The non-blank lines of user text, trimmed, control characters removed, tabs as spaces. */
export function userTextLines(text: string): string[] {
  return text
    .replace(CONTROL_CHARACTERS, '')
    .split(LINE_BREAKS)
    .map((line) => line.replace(/\t/g, ' ').trim())
    .filter((line) => line.length > 0)
}

/** User text on one line (line breaks become spaces), escaped. */
function inline(text: string): string {
  return escapeMarkdownLine(userTextLines(text).join(' '))
}

function itemMarkdown(item: ResultsItem, model: ResultsRecord): string {
  const words = RESULTS_TEXT[model.locale]
  const lines = userTextLines(item.text).map(escapeMarkdownLine)
  if (lines.length === 0) lines.push(`*${words.empty}*`)
  const details = [item.type === 'note' ? null : words[item.type], item.colorLabel ? inline(item.colorLabel) : null]
  if (item.area) details.push(`${words.area}: ${inline(item.area)}`)
  if (item.author) details.push(inline(item.author))
  if (item.at !== null) details.push(formatTime(item.at, model.timeZone) + words.timeSuffix)
  if (item.votes > 0) details.push(words.votes(item.votes))
  const meta = details.filter((detail): detail is string => Boolean(detail)).join(' · ')
  if (meta) lines.push(`*${meta}*`)
  return `- ${lines.join('\\\n  ')}`
}

function sessionLine(model: ResultsRecord): string | null {
  const session = model.session
  if (!session) return null
  const words = RESULTS_TEXT[model.locale]
  const start = formatTime(session.startedAt, model.timeZone)
  const span = session.endedAt === null ? `${words.from} ${start}` : `${start}–${formatTime(session.endedAt, model.timeZone)}`
  return `${inline(session.title)} (${formatDate(session.startedAt, model.locale, model.timeZone)}, ${span}${words.timeSuffix})`
}

/** The results record as Markdown in its locale (German by default); ends with one newline. */
export function resultsToMarkdown(model: ResultsRecord): string {
  const words = RESULTS_TEXT[model.locale]
  const { timeZone, locale } = model
  const date = formatDate(model.session?.startedAt ?? model.generatedAt, locale, timeZone)
  const generated = `${formatDate(model.generatedAt, locale, timeZone)}, ${formatTime(model.generatedAt, timeZone)}${words.timeSuffix}`
  const session = sessionLine(model)
  const moment =
    model.moment === null ? null : `${formatDate(model.moment, locale, timeZone)}, ${formatTime(model.moment, timeZone)}${words.timeSuffix} (${words.pastMoment})`

  const blocks: string[] = [
    `# ${words.title}: ${inline(model.workshop.title)}`,
    [
      `- ${words.field}: ${inline(model.workshop.fieldLabel)}`,
      ...(session ? [`- ${words.session}: ${session}`] : []),
      `- ${words.date}: ${date}`,
      `- ${words.participants}: ${model.participantCount}`,
      ...(moment ? [`- ${words.moment}: ${moment}`] : []),
      `- ${words.generated}: ${generated}`,
    ].join('\n'),
  ]
  for (const group of model.groups) {
    blocks.push(`## ${inline(group.title) || words.untitledFrame}`)
    blocks.push(group.items.length > 0 ? group.items.map((item) => itemMarkdown(item, model)).join('\n') : `*${words.noItems}*`)
  }
  if (model.groups.length === 0) blocks.push(`*${words.noItems}*`)
  return `${blocks.join('\n\n')}\n`
}
