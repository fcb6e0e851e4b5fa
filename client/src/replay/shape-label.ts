/** How a shape record is named in lists: its text (first line, shortened) and a catalogue key for its type. */
import { plainTextOf } from '@quartierboard/shared'
import type { Messages } from '../i18n/messages'
import type { BoardRecord } from './board-diff'

const TYPE_KEYS: Record<string, keyof Messages> = {
  note: 'replayShapeNote',
  text: 'replayShapeText',
  geo: 'replayShapeGeo',
  arrow: 'replayShapeArrow',
  frame: 'replayShapeFrame',
  image: 'replayShapeImage',
  draw: 'replayShapeDraw',
}

export function shapeTypeKey(record: BoardRecord): keyof Messages {
  return (typeof record.type === 'string' && TYPE_KEYS[record.type]) || 'replayShapeOther'
}

/** The shape's text on one line, at most `max` characters; '' when it has none. */
export function shapeText(record: BoardRecord, max = 60): string {
  const type = typeof record.type === 'string' ? record.type : ''
  let text: string
  try {
    text = plainTextOf({ type, props: record.props } as Parameters<typeof plainTextOf>[0])
  } catch {
    text = ''
  }
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}
