import { describe, expect, it } from 'vitest'
import { de, en } from './messages'

describe('message catalogues', () => {
  it('have the same keys in German and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort())
    for (const catalogue of [de, en]) for (const value of Object.values(catalogue)) expect(value.trim()).not.toBe('')
  })
})
