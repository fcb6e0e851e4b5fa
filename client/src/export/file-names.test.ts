import { describe, expect, it } from 'vitest'
import { exportFileName, isoDate, MAX_BASE_NAME_LENGTH, sanitizeFileNamePart, uniqueFileNames } from './file-names'

describe('export file names', () => {
  it('joins title, part and date with dashes and keeps umlauts', () => {
    expect(exportFileName(['Fallbeispiel Görlitz', 'Ausgangslage', '2026-11-25'], 'png')).toBe('Fallbeispiel Görlitz – Ausgangslage – 2026-11-25.png')
  })

  it('drops empty parts', () => {
    expect(exportFileName(['Straßenfest', null, '', '  ', '2026-01-02'], '.pdf')).toBe('Straßenfest – 2026-01-02.pdf')
  })

  it('replaces characters invalid in file names', () => {
    expect(sanitizeFileNamePart('Ziele: 2030/2040 <"A|B"> * ?')).toBe('Ziele 2030 2040 A B')
    expect(sanitizeFileNamePart('a\u0000b\nc\td')).toBe('a b c d')
    expect(sanitizeFileNamePart('..versteckt..')).toBe('versteckt')
  })

  it('normalises composed umlauts', () => {
    expect(sanitizeFileNamePart('Go\u0308rlitz')).toBe('Görlitz')
  })

  it('never returns an empty or reserved name and limits the length', () => {
    expect(exportFileName(['///', ':'], 'svg')).toBe('Quartierboard.svg')
    expect(exportFileName(['CON'], 'png')).toBe('_CON.png')
    const long = exportFileName(['ä'.repeat(400)], 'png')
    expect(long).toBe(`${'ä'.repeat(MAX_BASE_NAME_LENGTH)}.png`)
  })

  it('formats the local date', () => {
    expect(isoDate(new Date(2026, 10, 25, 23, 59).getTime())).toBe('2026-11-25')
    expect(isoDate(new Date(2026, 0, 5, 0, 1).getTime())).toBe('2026-01-05')
  })

  it('makes duplicate names unique', () => {
    expect(uniqueFileNames(['A – 2026.png', 'a – 2026.png', 'B.png', 'A – 2026.png'])).toEqual(['A – 2026.png', 'a – 2026 (2).png', 'B.png', 'A – 2026 (3).png'])
  })
})
