/**
 * Capability tokens. The facilitator token is 32 random bytes; the participant and reviewer tokens
 * are derived from it: HMAC-SHA256(facilitator token, "<role>:<salt>") with a random salt per role.
 * So the facilitator link alone can show all three links again (on any device), while the store
 * keeps only SHA-256 hashes of the tokens and the (non-secret) salts, never a token.
 *
 * Rotating the participant or reviewer link draws a new salt for that role; rotating the
 * facilitator link draws a new facilitator token, which changes every derived link too.
 *
 * Tokens carry 256 bits; a plain SHA-256 is the right hash for such high-entropy secrets (slow
 * password hashes exist for guessable ones). Hashes are compared with `timingSafeEqual`.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Role, RoleTokens } from '@quartierboard/shared'

const TOKEN_BYTES = 32
const SALT_BYTES = 16
/** base64url of 32 bytes: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** Salts of the derived roles. */
export interface TokenSalts {
  participant: string
  reviewer: string
}

export function newFacilitatorToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url')
}

export function newSalt(): string {
  return randomBytes(SALT_BYTES).toString('base64url')
}

/** The participant or reviewer token belonging to a facilitator token and that role's salt. */
export function deriveToken(facilitatorToken: string, role: 'participant' | 'reviewer', salt: string): string {
  return createHmac('sha256', facilitatorToken).update(`${role}:${salt}`).digest('base64url')
}

/** All three tokens of a workshop, given its facilitator token and salts. */
export function tokensFor(facilitatorToken: string, salts: TokenSalts): RoleTokens {
  return {
    facilitator: facilitatorToken,
    participant: deriveToken(facilitatorToken, 'participant', salts.participant),
    reviewer: deriveToken(facilitatorToken, 'reviewer', salts.reviewer),
  }
}

/** The hash stored for a token. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest()
}

/** True when the token hashes to `storedHash`, compared in constant time. */
export function tokenMatches(token: string, storedHash: Buffer): boolean {
  const candidate = hashToken(token)
  return candidate.length === storedHash.length && timingSafeEqual(candidate, storedHash)
}

/** True when a string has the shape of one of our tokens (cheap check before any hashing). */
export function looksLikeToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_PATTERN.test(value)
}

/** The stored hashes of a workshop's tokens, one per role. */
export type TokenHashes = Record<Role, Buffer>

export function hashTokens(tokens: RoleTokens): TokenHashes {
  return { facilitator: hashToken(tokens.facilitator), participant: hashToken(tokens.participant), reviewer: hashToken(tokens.reviewer) }
}
