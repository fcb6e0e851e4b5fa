import { createBoardSchema, PRIVATE_NOTE_META, type VoteState } from '@quartierboard/shared'
import type { TLRecord } from '@tldraw/tldraw'
import { describe, expect, it } from 'vitest'
import { attributionIdOf, buildOutline } from './outline'

const schema = createBoardSchema()

/** tldraw's rich text for one paragraph. */
const toRichText = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

function shape(id: string, type: string, parent: string, x: number, y: number, props: Record<string, unknown>, meta: Record<string, unknown> = {}): TLRecord {
  const parentId = parent.startsWith('page:') ? parent : `shape:${parent}`
  return schema.types.shape.validate(schema.types.shape.create({ id: `shape:${id}`, type, parentId, index: 'a1', x, y, props, meta } as never)) as TLRecord
}

const NOTE_PROPS = {
  color: 'yellow', labelColor: 'black', size: 'm', font: 'draw', fontSizeAdjustment: 1, align: 'middle',
  verticalAlign: 'middle', growY: 0, url: '', scale: 1,
}
const page = schema.types.page.create({ id: 'page:page', name: 'Seite 1', index: 'a1' } as never) as TLRecord
const user = (id: string, name: string) => schema.types.user.create({ id: `user:${id}`, name, color: '#e03131', imageUrl: '', meta: {} } as never) as TLRecord
const frame = (id: string, x: number, y: number, name: string, parent = 'page:page') => shape(id, 'frame', parent, x, y, { w: 600, h: 400, name, color: 'black' })
const note = (id: string, parent: string, x: number, y: number, text: string, editor: string | null, meta: Record<string, unknown> = {}) =>
  shape(id, 'note', parent, x, y, { ...NOTE_PROPS, richText: toRichText(text), textLastEditedBy: editor }, meta)

const board: TLRecord[] = [
  page,
  user('anna', 'Anna'),
  user('ben', 'Ben'),
  // Created in an order unlike the reading order: the right frame first, the lower one second.
  frame('right', 800, 0, 'Wünsche'),
  frame('below', 0, 600, 'Nächste Schritte'),
  frame('left', 0, 0, 'Ideen'),
  frame('inner', 50, 50, 'Ecke', 'left'),
  note('n-right', 'right', 20, 20, 'Spielplatz', 'ben'),
  note('n-left-2', 'left', 300, 100, 'Markthalle', 'anna'),
  note('n-left-1', 'left', 20, 250, 'Kulturzentrum', 'ben'),
  note('n-private', 'below', 20, 20, 'Nur für mich', 'anna', { [PRIVATE_NOTE_META]: true }),
  shape('t-outside', 'text', 'page:page', 2000, 0, { color: 'black', size: 'm', font: 'sans', textAlign: 'start', w: 200, scale: 1, autoSize: true, richText: toRichText('Parkplatz') }),
]

describe('buildOutline', () => {
  it('lists frames in the results record order, nested frames after their parent, then what lies outside', () => {
    const outline = buildOutline(board, { locale: 'de', selfId: 'anna', vote: null })
    expect(outline.map((section) => [section.title, section.depth])).toEqual([
      ['Ideen', 0],
      ['Ecke', 1],
      ['Wünsche', 0],
      ['Nächste Schritte', 0],
      ['Ohne Rahmen', 0],
    ])
    expect(outline[0]!.items.map((item) => item.text)).toEqual(['Markthalle', 'Kulturzentrum'])
    expect(outline[4]!.items).toMatchObject([{ type: 'text', text: 'Parkplatz', author: null, own: false }])
  })

  it('names who last wrote each note, and marks this person’s own and private ones', () => {
    const outline = buildOutline(board, { locale: 'de', selfId: 'anna', vote: null })
    const items = outline.flatMap((section) => section.items)
    const byText = (text: string) => items.find((item) => item.text === text)!
    expect(byText('Markthalle')).toMatchObject({ author: 'Anna', own: true, private: false })
    expect(byText('Kulturzentrum')).toMatchObject({ author: 'Ben', own: false })
    expect(byText('Nur für mich')).toMatchObject({ own: true, private: true })
    // Nobody is "self" without an id: no note may be changed.
    expect(buildOutline(board, { locale: 'de', selfId: null, vote: null }).flatMap((s) => s.items).some((item) => item.own)).toBe(false)
  })

  it('marks the notes of the vote’s frame, and shows their dots once it is closed', () => {
    const open: VoteState = { id: 'v1', frameId: 'shape:left', dotsPerPerson: 3, status: 'open', openedAt: 1, closedAt: null, results: null, voters: null }
    const during = buildOutline(board, { locale: 'en', selfId: 'anna', vote: open })
    expect(during[0]!.items.map((item) => [item.text, item.inVote, item.votes])).toEqual([
      ['Markthalle', true, 0],
      ['Kulturzentrum', true, 0],
    ])
    expect(during[2]!.items[0]!.inVote).toBe(false)
    const closed: VoteState = { ...open, status: 'closed', closedAt: 2, results: { 'shape:n-left-1': 4 }, voters: 2 }
    const after = buildOutline(board, { locale: 'en', selfId: 'anna', vote: closed })
    expect(after[0]!.items.map((item) => item.votes)).toEqual([0, 4])
    expect(after[4]!.title).toBe('Outside frames')
  })

  it('reads presence ids the way tldraw writes its editors', () => {
    expect(attributionIdOf('user:abc')).toBe('abc')
    expect(attributionIdOf('abc')).toBe('abc')
  })
})
