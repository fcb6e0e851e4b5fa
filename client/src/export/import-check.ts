/**
 * Before an import asks "replace everything?", the browser reads the file with the same parser the
 * server's import uses (`parseTldrFile`: size, JSON, tldraw format and schema, migration, every
 * record validated), so a file the server would refuse is refused here, without the question.
 * Problems are worded from our catalogue by their code, for the file checked here and for the
 * server's answer alike; the parser's (English) message is never shown.
 */
import { createBoardSchema, parseTldrFile, type TldrParseErrorCode } from '@quartierboard/shared'
import { ApiRequestError } from '../api'
import type { Messages } from '../i18n/messages'
import { MAX_IMPORT_MEGABYTES } from './import-api'
import { fillTemplate } from './template'

/** Why a file cannot be imported, as found in the browser. */
export class ImportFileProblem extends Error {
  constructor(readonly code: TldrParseErrorCode | 'empty_file') {
    super(code)
  }
}

const MESSAGE_OF_CODE: Record<TldrParseErrorCode | 'empty_file', keyof Messages> = {
  empty_file: 'importProblemEmpty',
  too_large: 'importTooLarge',
  not_json: 'importProblemNotJson',
  forbidden_key: 'importProblemForbiddenKey',
  not_tldr: 'importProblemNotTldr',
  format_too_new: 'importProblemTooNew',
  schema_too_new: 'importProblemTooNew',
  duplicate_record: 'importProblemDuplicate',
  migration_failed: 'importProblemMigration',
  invalid_record: 'importProblemInvalidRecord',
}

function isKnownCode(code: string): code is keyof typeof MESSAGE_OF_CODE {
  return Object.hasOwn(MESSAGE_OF_CODE, code)
}

type BoardSchema = ReturnType<typeof createBoardSchema>

let boardSchema: BoardSchema | null = null

/** Reads and checks `file` as the server's import would; throws {@link ImportFileProblem} when it would be refused. */
export async function checkImportFile(file: Blob, schema: BoardSchema = (boardSchema ??= createBoardSchema())): Promise<void> {
  const text = await file.text()
  if (text.trim() === '') throw new ImportFileProblem('empty_file')
  const parsed = parseTldrFile(text, schema)
  if (!parsed.ok) throw new ImportFileProblem(parsed.error.code)
}

/** The reason to show for a failed import, in the UI's language: from the code, never from an English message. */
export function importProblemText(error: unknown, messages: Messages): string {
  const code = error instanceof ImportFileProblem ? error.code : error instanceof ApiRequestError ? serverCode(error) : null
  if (code !== null && isKnownCode(code)) return fillTemplate(messages[MESSAGE_OF_CODE[code]], { megabytes: MAX_IMPORT_MEGABYTES })
  if (error instanceof ApiRequestError) return fillTemplate(messages.importProblemServer, { status: error.status })
  return messages.importProblemNetwork
}

/** The server names a parser problem `tldr_<code>` (422); a body over its limit is `payload_too_large`. */
function serverCode(error: ApiRequestError): string {
  if (error.code === 'payload_too_large') return 'too_large'
  return error.code.startsWith('tldr_') ? error.code.slice('tldr_'.length) : error.code
}
