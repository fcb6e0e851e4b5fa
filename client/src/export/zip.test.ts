import { strFromU8, strToU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { zipFiles } from './zip'

describe('zipFiles', () => {
  it('round-trips entries with umlauts in their names', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
    const zipped = zipFiles([
      { name: 'Fallbeispiel Görlitz – Ausgangslage – 2026-11-25.png', data: png },
      { name: 'Größe.svg', data: strToU8('<svg>'.repeat(100)) },
    ])
    const files = unzipSync(zipped)
    expect(Object.keys(files).sort()).toEqual(['Fallbeispiel Görlitz – Ausgangslage – 2026-11-25.png', 'Größe.svg'])
    expect([...files['Fallbeispiel Görlitz – Ausgangslage – 2026-11-25.png']!]).toEqual([...png])
    expect(strFromU8(files['Größe.svg']!)).toBe('<svg>'.repeat(100))
  })

  it('refuses duplicate names', () => {
    expect(() => zipFiles([{ name: 'a.png', data: new Uint8Array() }, { name: 'a.png', data: new Uint8Array() }])).toThrow(/duplicate/)
  })
})
