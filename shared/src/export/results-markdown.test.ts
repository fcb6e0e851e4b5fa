import { describe, expect, it } from 'vitest'
import { escapeMarkdownLine, resultsToMarkdown, userTextLines } from './results-markdown.js'
import { buildResultsRecord } from './results-record.js'
import { goldenInput, nov24 } from './test-support.js'

const GOLDEN_DE = `# Ergebnisprotokoll: Zukunft &lt;Marktplatz> & \\*Neustadt\\*

- Handlungsfeld: Quartiersentwicklung
- Sitzung: Auftakt: Werkstatt \\#1 (24.11.2025, 14:00–16:30 Uhr)
- Datum: 24.11.2025
- Teilnehmende: 12
- Erstellt: 24.11.2025, 17:02 Uhr

## Fallbeispiel: Marktplatz \\#1

- Leerstand im Erdgeschoss – prüfen\\
  *Gelb · Anna Müller · 14:05 Uhr · 3 Stimmen*
- \\# Überschrift?\\
  \\* Stern \\_kursiv\\_ \\[Link\\](http\\://x.de)\\
  *Blau · Bernd &lt;script> · 14:10 Uhr · 1 Stimme*
- \\=SUMME(A1:A3)\\
  Zweite Zeile \\| mit "Zitat", Komma\\
  *Grün*
- \\- Aufzählung ß\\
  *Text · Schwarz*

## Ideen &lt;b>& Visionen&lt;/b>

- 1\\. Grüße aus Köln 🎉\\
  *Hellblau · \\+49 Gast · 14:20 Uhr*
- @Stadt: +Mehr Grün\\
  *Rot*

## Leerer Rahmen

*Keine Beiträge.*

## Ohne Rahmen

- Geo-Label zählt\\
  *Form · Schwarz*
- Außerhalb > alles & nichts\\
  *Violett*
- Wagenrücklauf\\
  *Orange*
- Tabulator\\
  *Text · Schwarz*
`

describe('resultsToMarkdown', () => {
  it('renders the golden board in German', () => {
    expect(resultsToMarkdown(buildResultsRecord(goldenInput()))).toBe(GOLDEN_DE)
  })

  it('renders the golden board in English', () => {
    const markdown = resultsToMarkdown(buildResultsRecord(goldenInput('en')))
    expect(markdown.split('\n').slice(0, 8).join('\n')).toBe(
      [
        '# Results record: Zukunft &lt;Marktplatz> & \\*Neustadt\\*',
        '',
        '- Field of action: Neighbourhood development',
        '- Session: Auftakt: Werkstatt \\#1 (2025-11-24, 14:00–16:30)',
        '- Date: 2025-11-24',
        '- Participants: 12',
        '- Generated: 2025-11-24, 17:02',
        '',
      ].join('\n'),
    )
    expect(markdown).toContain('  *Yellow · Anna Müller · 14:05 · 3 votes*\n')
    expect(markdown).toContain('  *Blue · Bernd &lt;script> · 14:10 · 1 vote*\n')
    expect(markdown).toContain('## Leerer Rahmen\n\n*No contributions.*\n\n## Outside frames\n')
    expect(markdown).toContain('- Tabulator\\\n  *Text · Black*\n')
  })

  it('shows an open session, the generation date without a session, empty notes and an empty board', () => {
    const input = goldenInput()
    const open = resultsToMarkdown(buildResultsRecord({ ...input, session: { ...input.session, endedAt: null } }))
    expect(open).toContain('- Sitzung: Auftakt: Werkstatt \\#1 (24.11.2025, ab 14:00 Uhr)\n')
    const empty = resultsToMarkdown(
      buildResultsRecord({ ...input, session: null, records: [], generatedAt: nov24('23:30:00') }),
    )
    // 23:30 UTC is already the next day in Berlin.
    expect(empty).toBe(
      '# Ergebnisprotokoll: Zukunft &lt;Marktplatz> & \\*Neustadt\\*\n\n' +
        '- Handlungsfeld: Quartiersentwicklung\n- Datum: 25.11.2025\n- Teilnehmende: 12\n- Erstellt: 25.11.2025, 00:30 Uhr\n\n' +
        '*Keine Beiträge.*\n',
    )
  })
})

describe('the moment a record shows', () => {
  it('says in the header when the board is a past moment from the history, in the record\'s time zone', () => {
    const input = goldenInput()
    const past = resultsToMarkdown(buildResultsRecord({ ...input, moment: nov24('10:15:00') }))
    expect(past).toContain('- Stand: 24.11.2025, 11:15 Uhr (früherer Zeitpunkt aus dem Verlauf)\n')
    const english = resultsToMarkdown(buildResultsRecord({ ...goldenInput('en'), moment: nov24('10:15:00') }))
    expect(english).toContain('- As of: 2025-11-24, 11:15 (a past moment from the history)\n')
    expect(resultsToMarkdown(buildResultsRecord(input))).not.toContain('Stand:')
  })
})

describe('escapeMarkdownLine', () => {
  it('neutralises headings, lists, quotes, setext lines, fences, tables, links and HTML', () => {
    const cases: Array<[string, string]> = [
      ['# Titel', '\\# Titel'],
      ['## Titel ##', '\\#\\# Titel \\#\\#'],
      ['- Punkt', '\\- Punkt'],
      ['+ Punkt', '\\+ Punkt'],
      ['* Punkt', '\\* Punkt'],
      ['===', '\\==='],
      ['---', '\\---'],
      ['1. Erstens', '1\\. Erstens'],
      ['12) Zwölftens', '12\\) Zwölftens'],
      ['> Zitat', '&gt; Zitat'],
      ['```js', '\\`\\`\\`js'],
      ['~~~', '\\~\\~\\~'],
      ['a | b', 'a \\| b'],
      ['[Klick](javascript:alert(1))', '\\[Klick\\](javascript:alert(1))'],
      ['![Bild](x.png)', '!\\[Bild\\](x.png)'],
      ['<https://example.org>', '&lt;https\\://example.org>'],
      ['siehe https://example.org und www.example.org', 'siehe https\\://example.org und www\\.example.org'],
      ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)>'],
      ['</script><script>alert(1)</script>', '&lt;/script>&lt;script>alert(1)&lt;/script>'],
      ['&lt; bleibt Text', '&amp;lt; bleibt Text'],
      ['&#60; und &#x3C; und &nbsp;', '&amp;\\#60; und &amp;\\#x3C; und &amp;nbsp;'],
      ['Kunst & Kultur, A&B, &x, & ;, &#;, &amp', 'Kunst & Kultur, A&B, &x, & ;, &\\#;, &amp'],
      ['a > b, >= 3', 'a > b, >= 3'],
      ['>> Zitat', '&gt;> Zitat'],
      ['C:\\Pfad\\', 'C:\\\\Pfad\\\\'],
      ['**fett** _kursiv_', '\\*\\*fett\\*\\* \\_kursiv\\_'],
      ['Größe ≤ 20.000, "Zitat"', 'Größe ≤ 20.000, "Zitat"'],
    ]
    for (const [input, expected] of cases) expect(escapeMarkdownLine(input), input).toBe(expected)
  })

  it('splits user text into trimmed non-blank lines on every kind of line break', () => {
    expect(userTextLines('  a \r\n\r\nb\rc\u2028d\u2029e\u0085f\u000bg\u000ch\t\ti ')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h  i'])
    expect(userTextLines('x\u0000y\u001b[31m')).toEqual(['xy[31m'])
    expect(userTextLines(' \n ')).toEqual([])
  })
})
