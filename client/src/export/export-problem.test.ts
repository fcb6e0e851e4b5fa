import { describe, expect, it } from 'vitest'
import { ApiRequestError } from '../api'
import { de } from '../i18n/messages'
import { ExportProblem, problemText } from './export-problem'

describe('problemText', () => {
  it('words known problems, passes server messages on and never shows nothing', () => {
    expect(problemText(new ExportProblem('exportNoSelection'), de)).toBe('Es ist nichts ausgewählt.')
    expect(problemText(new ApiRequestError(422, 'tldr_invalid_json', 'The file is not valid JSON.'), de)).toBe('The file is not valid JSON.')
    expect(problemText('weird', de)).toBe(de.errorGeneric)
    expect(problemText(new Error(' '), de)).toBe(de.errorGeneric)
  })
})
