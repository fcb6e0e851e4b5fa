import { describe, expect, it } from 'vitest'
import { FIELDS_OF_ACTION } from '../api.js'
import { colorLabel, fieldLabel, formatDate, formatTime } from './results-labels.js'

describe('results labels', () => {
  it('labels every field of action in both languages', () => {
    expect(FIELDS_OF_ACTION.map((field) => fieldLabel(field, 'de'))).toEqual([
      'Zentrenentwicklung',
      'Quartiersentwicklung',
      'Klein- und Mittelstädte im ländlichen Raum',
      'Sonstiges',
    ])
    for (const field of FIELDS_OF_ACTION) expect(fieldLabel(field, 'en')).toMatch(/^[A-Z]/)
  })

  it('labels tldraw colours and passes unknown ones through', () => {
    expect(colorLabel('light-green', 'de')).toBe('Hellgrün')
    expect(colorLabel('white', 'de')).toBe('Weiß')
    expect(colorLabel('light-green', 'en')).toBe('Light green')
    expect(colorLabel('toString', 'de')).toBe('toString')
    expect(colorLabel('magenta', 'de')).toBe('magenta')
  })

  it('names note colours as tldraw draws them, other shapes by their stored colour', () => {
    expect(colorLabel('black', 'de', 'note')).toBe('Gelb')
    expect(colorLabel('black', 'en', 'note')).toBe('Yellow')
    expect(colorLabel('yellow', 'de', 'note')).toBe('Hellorange')
    expect(colorLabel('yellow', 'en', 'note')).toBe('Light orange')
    expect(colorLabel('light-red', 'de', 'note')).toBe('Hellrot')
    expect(colorLabel('black', 'de', 'geo')).toBe('Schwarz')
    expect(colorLabel('yellow', 'de', 'geo')).toBe('Gelb')
    expect(colorLabel('black', 'de')).toBe('Schwarz')
  })

  it('formats dates and times in the given zone, summer and winter', () => {
    const winter = Date.parse('2025-01-31T23:15:00Z')
    const summer = Date.parse('2025-07-01T06:05:00Z')
    expect(formatDate(winter, 'de', 'Europe/Berlin')).toBe('01.02.2025')
    expect(formatTime(winter, 'Europe/Berlin')).toBe('00:15')
    expect(formatDate(summer, 'en', 'Europe/Berlin')).toBe('2025-07-01')
    expect(formatTime(summer, 'Europe/Berlin')).toBe('08:05')
    expect(formatTime(summer, 'UTC')).toBe('06:05')
  })
})
