import { describe, expect, it } from 'vitest'
import { de, en } from '../i18n/messages'
import { frameFileNames, frameLabel, imageFileName, pdfFileName, pdfSubtitle, serverFileName, type NamingContext } from './job-naming'

const when = new Date(2026, 10, 25, 14, 30).getTime()
const german: NamingContext = { title: 'Fallbeispiel Görlitz', sessionTitle: 'Ausgangslage', when, language: 'de', messages: de }
const english: NamingContext = { ...german, sessionTitle: null, language: 'en', messages: en }

describe('export naming', () => {
  it('names image files by what they show', () => {
    expect(imageFileName(german, 'board', 'png')).toBe('Fallbeispiel Görlitz – Board – 2026-11-25.png')
    expect(imageFileName(german, 'selection', 'svg')).toBe('Fallbeispiel Görlitz – Auswahl – 2026-11-25.svg')
    expect(imageFileName(german, 'frames', 'png')).toBe('Fallbeispiel Görlitz – Rahmen – 2026-11-25.zip')
    expect(imageFileName(english, 'frames', 'svg')).toBe('Fallbeispiel Görlitz – Frames – 2026-11-25.zip')
  })

  it('names frames, numbering unnamed ones and keeping names unique', () => {
    expect(frameLabel(german, '  ', 2)).toBe('Rahmen 3')
    expect(frameLabel(english, '', 0)).toBe('Frame 1')
    expect(frameFileNames(german, ['Ausgangslage', 'Ziele', 'Ausgangslage'], 'png')).toEqual([
      'Fallbeispiel Görlitz – Ausgangslage – 2026-11-25.png',
      'Fallbeispiel Görlitz – Ziele – 2026-11-25.png',
      'Fallbeispiel Görlitz – Ausgangslage – 2026-11-25 (2).png',
    ])
  })

  it('names the PDF and server files', () => {
    expect(pdfFileName(german)).toBe('Fallbeispiel Görlitz – Ausgangslage – 2026-11-25.pdf')
    expect(pdfFileName(english)).toBe('Fallbeispiel Görlitz – 2026-11-25.pdf')
    expect(serverFileName(german, 'tldr')).toBe('Fallbeispiel Görlitz – Board – 2026-11-25.tldr')
    expect(serverFileName(german, 'md')).toBe('Fallbeispiel Görlitz – Ergebnisprotokoll – 2026-11-25.md')
    expect(serverFileName(english, 'csv')).toBe('Fallbeispiel Görlitz – Results – 2026-11-25.csv')
  })

  it('words the PDF subtitle with session and date', () => {
    const utc = Date.UTC(2026, 10, 25, 13, 30)
    expect(pdfSubtitle({ ...german, when: utc }, 'Europe/Berlin')).toBe('Sitzung: Ausgangslage · Stand: 25.11.2026, 14:30')
    expect(pdfSubtitle({ ...english, when: utc }, 'Europe/Berlin')).toBe('As of: 25 Nov 2026, 14:30')
  })
})
