import { describe, expect, it } from 'vitest'
import { resultsToJson } from './results-json.js'
import { buildResultsRecord } from './results-record.js'
import { goldenInput } from './test-support.js'

describe('resultsToJson', () => {
  it('gives plain JSON data with ISO times', () => {
    const json = resultsToJson(buildResultsRecord(goldenInput()))
    expect(JSON.parse(JSON.stringify(json))).toEqual(json)
    expect(json).toMatchObject({
      format: 'quartierboard-results',
      version: 2,
      locale: 'de',
      workshop: { title: 'Zukunft <Marktplatz> & *Neustadt*', field: 'quartiersentwicklung', fieldLabel: 'Quartiersentwicklung' },
      session: { title: 'Auftakt: Werkstatt #1', startedAt: '2025-11-24T13:00:00.000Z', endedAt: '2025-11-24T15:30:00.000Z' },
      participantCount: 12,
      generatedAt: '2025-11-24T16:02:00.000Z',
      moment: null,
    })
    expect(json.groups.map((group) => [group.frameId, group.title, group.items.length])).toEqual([
      ['shape:A', 'Fallbeispiel: Marktplatz #1', 4],
      ['shape:B', 'Ideen <b>& Visionen</b>', 2],
      ['shape:C', 'Leerer Rahmen', 0],
      [null, 'Ohne Rahmen', 4],
    ])
    expect(json.groups[0]!.items[1]).toEqual({
      id: 'shape:n2',
      order: 2,
      type: 'note',
      text: '# Überschrift?\n* Stern _kursiv_ [Link](http://x.de)',
      color: 'blue',
      colorLabel: 'Blau',
      area: null,
      relation: null,
      author: 'Bernd <script>',
      at: '2025-11-24T13:10:00.000Z',
      votes: 1,
    })
    expect(json.groups[0]!.items[2]!.at).toBeNull()
  })

  it('writes a missing session and an open session as null', () => {
    const input = goldenInput()
    expect(resultsToJson(buildResultsRecord({ ...input, session: null })).session).toBeNull()
    const open = resultsToJson(buildResultsRecord({ ...input, session: { ...input.session, endedAt: null } }))
    expect(open.session?.endedAt).toBeNull()
  })
})
