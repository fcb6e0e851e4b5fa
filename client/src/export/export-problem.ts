/** An export that cannot run for a reason the user can fix (nothing selected, no frames …), named by its catalogue key. */
import type { Messages } from '../i18n/messages'

export class ExportProblem extends Error {
  constructor(readonly messageKey: keyof Messages) {
    super(messageKey)
  }
}

/** The text to show for a failed export or import: our own wording for known problems, else the error's (server) message. */
export function problemText(error: unknown, messages: Messages): string {
  if (error instanceof ExportProblem) return messages[error.messageKey]
  if (error instanceof Error && error.message.trim() !== '') return error.message
  return messages.errorGeneric
}
