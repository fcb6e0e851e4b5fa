import fs from 'node:fs'
import path from 'node:path'
import { createBoardSchema, MAX_TLDR_BYTES, parseTldrFile, type TldrParseErrorCode } from '@quartierboard/shared'
import { describe, expect, it } from 'vitest'
import { ApiRequestError } from '../api'
import { de, en } from '../i18n/messages'
import { checkImportFile, ImportFileProblem, importProblemText } from './import-check'

const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures')
const schema = createBoardSchema()

function fixture(name: string): Blob {
  return new Blob([fs.readFileSync(path.join(FIXTURES, name))])
}

async function problemOf(file: Blob): Promise<ImportFileProblem | null> {
  try {
    await checkImportFile(file, schema)
    return null
  } catch (error) {
    if (error instanceof ImportFileProblem) return error
    throw error
  }
}

/** One file per parser code, each refused by the parser itself (so the codes stay the parser's). */
const REFUSED: Record<Exclude<TldrParseErrorCode, 'too_large' | 'migration_failed'>, string> = {
  not_json: '{"kein": "tldraw"',
  forbidden_key: '{"tldrawFileFormatVersion": 1, "__proto__": {}}',
  not_tldr: '{"kein": "tldraw"}',
  format_too_new: JSON.stringify({ tldrawFileFormatVersion: 99, schema: { schemaVersion: 2, sequences: {} }, records: [] }),
  schema_too_new: JSON.stringify({ tldrawFileFormatVersion: 1, schema: { schemaVersion: 3 }, records: [] }),
  duplicate_record: JSON.stringify({
    tldrawFileFormatVersion: 1,
    schema: schema.serialize(),
    records: [
      { id: 'page:a', typeName: 'page', name: 'A', index: 'a1', meta: {} },
      { id: 'page:a', typeName: 'page', name: 'A', index: 'a1', meta: {} },
    ],
  }),
  invalid_record: JSON.stringify({ tldrawFileFormatVersion: 1, schema: schema.serialize(), records: [{ id: 'page:a', typeName: 'page', name: 42, index: 'a1', meta: {} }] }),
}

describe('checking a .tldr file in the browser', () => {
  it('passes what the server would import: real tldraw files of several versions', async () => {
    for (const name of ['tldraw-2.0-workshop.tldr', 'tldraw-3.15-obsidian.tldr', 'tldraw-5.2-desktop-argus.tldr']) {
      expect(await problemOf(fixture(name)), name).toBeNull()
    }
  })

  it('refuses with the parser’s own code what the server would refuse', async () => {
    expect((await problemOf(new Blob([' \n'])))?.code).toBe('empty_file')
    expect((await problemOf(fixture('tldraw-1.x-spaceorbit.tldr')))?.code).toBe('not_tldr')
    for (const [code, text] of Object.entries(REFUSED)) {
      const parsed = parseTldrFile(text, schema)
      expect(parsed.ok ? null : parsed.error.code, code).toBe(code)
      expect((await problemOf(new Blob([text])))?.code, code).toBe(code)
    }
  })
})

describe('the words for an import problem', () => {
  const codes: Array<TldrParseErrorCode | 'empty_file'> = ['empty_file', 'too_large', 'migration_failed', ...(Object.keys(REFUSED) as TldrParseErrorCode[])]

  it('come from the catalogue for every code, never from the parser’s English message', () => {
    for (const code of codes) {
      const german = importProblemText(new ImportFileProblem(code), de)
      const english = importProblemText(new ImportFileProblem(code), en)
      expect(german, code).not.toBe(english)
      expect(Object.values(de), code).toContain(german.replace(String(MAX_TLDR_BYTES / (1024 * 1024)), '{megabytes}'))
      expect(Object.values(en), code).toContain(english.replace(String(MAX_TLDR_BYTES / (1024 * 1024)), '{megabytes}'))
    }
    expect(importProblemText(new ImportFileProblem('not_json'), de)).toBe('Die Datei ist keine .tldr-Datei: ihr Inhalt ist kein lesbares JSON.')
    expect(importProblemText(new ImportFileProblem('too_large'), de)).toBe('Die Datei ist zu groß (höchstens 50 MB).')
  })

  it('word the server’s refusal by its code, not by its English message', () => {
    const parserText = 'the file is not valid JSON: Unexpected end of JSON input'
    expect(importProblemText(new ApiRequestError(422, 'tldr_not_json', parserText), de)).toBe('Die Datei ist keine .tldr-Datei: ihr Inhalt ist kein lesbares JSON.')
    expect(importProblemText(new ApiRequestError(422, 'tldr_invalid_record', 'invalid shape record shape:x: …'), en)).toBe(
      'The file contains invalid shapes or pages, so it is not read.',
    )
    expect(importProblemText(new ApiRequestError(413, 'payload_too_large', 'The request body is too large.'), de)).toBe('Die Datei ist zu groß (höchstens 50 MB).')
    expect(importProblemText(new ApiRequestError(400, 'empty_file', 'The request body must be a .tldr file.'), de)).toBe('Die Datei ist leer.')
    expect(importProblemText(new ApiRequestError(403, 'forbidden_for_role', 'The participant link does not allow this.'), de)).toBe(
      'Der Server hat den Import abgelehnt (Fehler 403).',
    )
    expect(importProblemText(new TypeError('Failed to fetch'), de)).toBe('Der Server ist nicht erreichbar. Bitte versuchen Sie es erneut.')
  })
})
