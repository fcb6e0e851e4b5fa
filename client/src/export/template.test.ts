import { describe, expect, it } from 'vitest'
import { fillTemplate } from './template'

describe('fillTemplate', () => {
  it('replaces known placeholders and keeps unknown ones', () => {
    expect(fillTemplate('Rahmen {done} von {total}', { done: 2, total: 5 })).toBe('Rahmen 2 von 5')
    expect(fillTemplate('{a} {b} {a}', { a: 'x' })).toBe('x {b} x')
  })
})
