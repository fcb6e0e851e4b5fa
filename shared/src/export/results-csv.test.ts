import { describe, expect, it } from 'vitest'
import { CSV_BOM, csvField, resultsToCsv } from './results-csv.js'
import { buildResultsRecord } from './results-record.js'
import { goldenInput } from './test-support.js'

const GOLDEN_DE_ROWS = [
  '"Rahmen","Reihenfolge","Typ","Text","Farbe","Bereich","Autor*in","Zeit (ISO 8601)","Stimmen"',
  '"Fallbeispiel: Marktplatz #1","1","Notiz","Leerstand im Erdgeschoss – prüfen","Gelb","","Anna Müller","2025-11-24T13:05:00.000Z","3"',
  '"Fallbeispiel: Marktplatz #1","2","Notiz","# Überschrift?\n* Stern _kursiv_ [Link](http://x.de)","Blau","","Bernd <script>","2025-11-24T13:10:00.000Z","1"',
  '"Fallbeispiel: Marktplatz #1","3","Notiz","\'=SUMME(A1:A3)\n\nZweite Zeile | mit ""Zitat"", Komma","Grün","","","","0"',
  '"Fallbeispiel: Marktplatz #1","4","Text","\'- Aufzählung ß","Schwarz","","","","0"',
  '"Ideen <b>& Visionen</b>","1","Notiz","1. Grüße aus Köln 🎉","Hellblau","","\'+49 Gast","2025-11-24T13:20:00.000Z","0"',
  '"Ideen <b>& Visionen</b>","2","Notiz","\'@Stadt: +Mehr Grün","Rot","","","","0"',
  '"Ohne Rahmen","1","Form","Geo-Label zählt","Schwarz","","","","0"',
  '"Ohne Rahmen","2","Notiz","Außerhalb > alles & nichts","Violett","","","","0"',
  '"Ohne Rahmen","3","Notiz","\'\rWagenrücklauf","Orange","","","","0"',
  '"Ohne Rahmen","4","Text","\'\tTabulator","Schwarz","","","","0"',
]

describe('resultsToCsv', () => {
  it('renders the golden board as RFC 4180 CSV with a BOM, CRLF and neutralised formulas', () => {
    const csv = resultsToCsv(buildResultsRecord(goldenInput()))
    expect(csv).toBe(`${CSV_BOM}${GOLDEN_DE_ROWS.join('\r\n')}\r\n`)
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })

  it('uses English headers and labels for en, and a semicolon when asked', () => {
    const csv = resultsToCsv(buildResultsRecord(goldenInput('en')), { delimiter: ';' })
    const lines = csv.slice(1).split('\r\n')
    expect(lines[0]).toBe('"Frame";"Order";"Type";"Text";"Colour";"Area";"Author";"Time (ISO 8601)";"Votes"')
    expect(lines[1]).toBe('"Fallbeispiel: Marktplatz #1";"1";"Note";"Leerstand im Erdgeschoss – prüfen";"Yellow";"";"Anna Müller";"2025-11-24T13:05:00.000Z";"3"')
    expect(lines.at(-2)).toBe('"Outside frames";"4";"Text";"\'\tTabulator";"Black";"";"";"";"0"')
    expect(lines.at(-1)).toBe('')
  })
})

describe('csvField', () => {
  it('prefixes every formula start with a quote', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvField(`${start}1+1`), JSON.stringify(start)).toBe(`"'${start}1+1"`)
    }
    expect(csvField('=HYPERLINK("http://x","klick")')).toBe('"\'=HYPERLINK(""http://x"",""klick"")"')
  })

  it('quotes plain fields, doubles quotes and keeps commas, semicolons and line breaks inside', () => {
    expect(csvField('Straße, "Markt"; Platz\r\nzwei')).toBe('"Straße, ""Markt""; Platz\r\nzwei"')
    expect(csvField('a=1 @b -c +d')).toBe('"a=1 @b -c +d"')
    expect(csvField(3)).toBe('"3"')
    expect(csvField('')).toBe('""')
  })
})
