/**
 * HTTP hardening shared by every route: security headers on every response, a per-IP limit on
 * creating workshops, and one rule for every API query string (each parameter a single, bounded
 * string; the routers then validate the values they use).
 */
import type { Request, RequestHandler } from 'express'
import { z } from 'zod'
import { TokenBucket } from '../rooms/token-bucket.js'
import type { ServerMetrics } from '../metrics.js'
import { sendError } from './errors.js'

/**
 * The Content-Security-Policy of every response: only our own origin. What the built client needs
 * beyond 'self' (checked against client/dist: no inline scripts, no eval, no workers, no wasm;
 * tldraw's fonts, icons and translations are bundled by `getAssetUrlsByImport`):
 * - style-src 'unsafe-inline': tldraw sets style attributes and injects <style> elements;
 * - img-src data: blob:: tldraw renders pasted and exported images and its cursors from data:
 *   and blob: URLs;
 * - font-src data:: fonts embedded in exported SVGs;
 * - worker-src blob:: kept for tldraw versions that spin up blob workers (none today);
 * - connect-src data: blob:: tldraw's exports (PNG, SVG, PDF) read images and fonts it made
 *   itself back with fetch() on data: and blob: URLs (the e2e export test fails without);
 * - connect-src ws(s)://<host>: older browsers do not count the sync socket as 'self'.
 * Embeds and bookmarks of other sites stay blocked: a self-hosted board talks to no one else.
 */
function contentSecurityPolicy(host: string | null): string {
  const sockets = host ? ` ws://${host} wss://${host}` : ''
  return [
    "default-src 'self'",
    "script-src 'self'",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    `connect-src 'self' data: blob:${sockets}`,
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ')
}

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/**
 * Sets the security headers on every response. The host of the socket URL in the CSP comes from
 * PUBLIC_URL when set, else from the request's Host header (only when it looks like a host).
 * Routes may replace the CSP with a stricter one (assets are served sandboxed).
 */
export function securityHeaders({ publicUrl }: { publicUrl: string }): RequestHandler {
  const publicHost = publicUrl ? new URL(publicUrl).host : null
  return (req, res, next) => {
    const requestHost = req.get('host') ?? ''
    const host = publicHost ?? (HOST.test(requestHost) ? requestHost : null)
    res.set({
      'Content-Security-Policy': contentSecurityPolicy(host),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer', // capability tokens travel in URLs
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
    })
    next()
  }
}

export interface CreateWorkshopLimitOptions {
  /** Workshops per minute once the burst is used up (CREATE_WORKSHOP_PER_MINUTE); 0 turns the limit off. */
  perMinute: number
  /** Workshops at once (CREATE_WORKSHOP_BURST). */
  burst: number
  metrics?: ServerMetrics
  now?: () => number
}

/** Client IPs tracked at most; beyond this, idle ones (full buckets) are forgotten first. */
const MAX_TRACKED_CLIENTS = 10_000

/**
 * Limits workshop creation per client IP (`req.ip`: the proxy's X-Forwarded-For only when the
 * proxy is trusted, see `trust proxy`). Over the limit: 429 with the error JSON and Retry-After.
 */
export function createWorkshopLimit({ perMinute, burst, metrics, now = Date.now }: CreateWorkshopLimitOptions): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next()
  const buckets = new Map<string, TokenBucket>()
  return (req, res, next) => {
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown'
    let bucket = buckets.get(ip)
    if (!bucket) {
      if (buckets.size >= MAX_TRACKED_CLIENTS) forgetIdle(buckets)
      bucket = new TokenBucket(burst, perMinute / 60, now)
      buckets.set(ip, bucket)
    }
    if (bucket.take(1)) {
      next()
      return
    }
    metrics?.httpRateLimited.inc({ route: 'create_workshop' })
    const retryAfterSeconds = Math.max(1, Math.ceil(bucket.msUntil(1) / 1000))
    res.set('Retry-After', String(retryAfterSeconds))
    sendError(res, 429, 'rate_limited', `Too many new workshops from this address: at most ${perMinute} per minute. Try again in ${retryAfterSeconds} s.`)
  }
}

function forgetIdle(buckets: Map<string, TokenBucket>): void {
  for (const [ip, bucket] of buckets) if (bucket.isFull()) buckets.delete(ip)
  // All busy: forget the oldest entries rather than grow without bound.
  for (const ip of buckets.keys()) {
    if (buckets.size < MAX_TRACKED_CLIENTS) break
    buckets.delete(ip)
  }
}

/** Longest value of any API query parameter (ids, moments, formats, tokens are far shorter). */
export const MAX_QUERY_VALUE_CHARS = 2048

const ApiQuery = z.record(z.string().max(64), z.string().max(MAX_QUERY_VALUE_CHARS, `at most ${MAX_QUERY_VALUE_CHARS} characters`))

/**
 * Every API query parameter is a single string: `?format=a&format=b` (an array to express)
 * answers 400 instead of reaching a router that expects a string.
 */
export function singleValuedQuery(): RequestHandler {
  return (req: Request, res, next) => {
    const parsed = ApiQuery.safeParse(req.query)
    if (parsed.success) {
      next()
      return
    }
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`).join('; ')
    sendError(res, 400, 'invalid_query', `Each query parameter must be given once as text. ${problems}`.slice(0, 500))
  }
}
