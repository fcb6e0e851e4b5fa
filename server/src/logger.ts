import { pino, type Logger } from 'pino'

export type { Logger }

/**
 * The server's logger. Query strings are cut from logged URLs because capability tokens travel
 * there (`?token=`), and tokens must never reach a log.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, redact: { paths: ['token', '*.token', 'headers.authorization'], remove: true } })
}

/** A URL path without its query string, safe to log. */
export function loggablePath(url: string | undefined): string {
  if (!url) return ''
  const queryStart = url.indexOf('?')
  return queryStart === -1 ? url : url.slice(0, queryStart)
}
