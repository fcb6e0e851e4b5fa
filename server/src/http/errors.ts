/**
 * Every error response of the server comes from here. Handlers throw `HttpError` (or express, its
 * body parsers, `send` and the router throw their own errors); `errorHandler`, mounted once as the
 * app's last middleware, turns each into a status, a code and a message of our own and renders it:
 * `{ "error": { "code", "message" } }` under `/api`, plain text everywhere else. Nothing of the
 * thrown error reaches the response but what we chose to say: no stack, no server path (the
 * message of a failed `stat` names the file), so express's own handler, which shows stacks outside
 * production, never runs. Unexpected errors are logged with their stack and answered with 500.
 */
import http from 'node:http'
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express'
import { loggablePath, type Logger } from '../logger.js'

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

/** What a response says about an error: the status and our own code and message. */
export interface RenderedError {
  status: number
  code: string
  message: string
}

/** The shape of errors that express, body-parser, `send` and the router throw (http-errors). */
interface LibraryError {
  status?: unknown
  statusCode?: unknown
  type?: unknown
  expose?: unknown
  message?: unknown
}

/**
 * Our answer to `error`, or null when it is not a client error we know (then it is a 500).
 * Messages of library errors are used only when the library marks them as safe to show
 * (`expose`, set by http-errors for its own 4xx texts such as `unsupported charset "X"`).
 */
export function renderError(error: unknown): RenderedError | null {
  if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message }
  if (error instanceof URIError) return { status: 400, code: 'invalid_url', message: 'The address contains invalid percent-encoding.' }
  if (typeof error !== 'object' || error === null) return null
  const known = error as LibraryError
  if (known.type === 'entity.too.large') return { status: 413, code: 'payload_too_large', message: 'The request body is too large.' }
  if (known.type === 'entity.parse.failed') return { status: 400, code: 'invalid_json', message: 'The request body is not valid JSON.' }
  const status = typeof known.status === 'number' ? known.status : typeof known.statusCode === 'number' ? known.statusCode : null
  if (status === null || status < 400 || status >= 500) return null
  if (status === 404) return { status, code: 'not_found', message: 'Not found.' }
  const message = known.expose === true && typeof known.message === 'string' && !known.message.includes('/') ? known.message : statusText(status)
  return { status, code: 'bad_request', message }
}

function statusText(status: number): string {
  return `${http.STATUS_CODES[status] ?? 'Error'}.`
}

function isApiRequest(req: Request): boolean {
  return req.originalUrl === '/api' || req.originalUrl.startsWith('/api/') || req.originalUrl.startsWith('/api?')
}

function send(req: Request, res: Response, { status, code, message }: RenderedError): void {
  if (isApiRequest(req)) {
    sendError(res, status, code, message)
    return
  }
  res.status(status).type('text/plain').set('Cache-Control', 'no-store').send(message)
}

/** The last route: nothing else answered. */
export function notFoundHandler(): RequestHandler {
  return (req, res) => send(req, res, { status: 404, code: 'not_found', message: isApiRequest(req) ? 'No such API endpoint.' : 'Not found.' })
}

/** The app's one error handler (mount it last). */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const rendered = renderError(error)
    if (!rendered) logger.error({ err: error, method: req.method, path: loggablePath(req.originalUrl) }, 'unhandled error')
    if (res.headersSent) {
      // Part of a response is out; all that is left is to end the connection.
      res.destroy()
      return
    }
    send(req, res, rendered ?? { status: 500, code: 'internal', message: 'Internal server error.' })
  }
}
