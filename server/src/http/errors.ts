/**
 * API errors: thrown as HttpError anywhere in a handler and rendered by `apiErrorHandler` as
 * `{ "error": { "code", "message" } }` with the fitting status.
 */
import type { ErrorRequestHandler, Response } from 'express'
import type { Logger } from '../logger.js'

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } })
}

export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (error instanceof HttpError) {
      sendError(res, error.status, error.code, error.message)
      return
    }
    // express.json / express.raw report body problems with a status and a type.
    const bodyError = error as { status?: number; type?: string; message?: string }
    if (bodyError.type === 'entity.too.large') {
      sendError(res, 413, 'payload_too_large', 'The request body is too large.')
      return
    }
    if (bodyError.type === 'entity.parse.failed') {
      sendError(res, 400, 'invalid_json', 'The request body is not valid JSON.')
      return
    }
    if (typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
      sendError(res, bodyError.status, 'bad_request', bodyError.message ?? 'Bad request.')
      return
    }
    logger.error({ err: error }, 'unhandled API error')
    sendError(res, 500, 'internal', 'Internal server error.')
  }
}
