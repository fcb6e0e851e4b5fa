/**
 * Identity credentials. An identity is a public id (16 random bytes) and a secret that begins with
 * that id: `<id>.<verifier>`, the verifier 32 random bytes (256 bits). This is the split-token
 * ("selector and verifier") pattern: the server finds the row by the public part and compares the
 * SHA-256 of the whole secret with the stored hash in constant time, exactly as link tokens are
 * compared (server/src/auth/tokens.ts). Knowing someone's public id, which presence shows to
 * everyone, gains nothing: the verifier is what proves the identity, and it is never stored.
 */
import { randomBytes } from 'node:crypto'
import { hashToken, tokenMatches } from '../auth/tokens.js'

const ID_BYTES = 16
const VERIFIER_BYTES = 32
/** `<22 characters of base64url>.<43 characters of base64url>` */
const SECRET_PATTERN = /^([A-Za-z0-9_-]{22})\.[A-Za-z0-9_-]{43}$/

export interface NewIdentityCredentials {
  id: string
  secret: string
  /** SHA-256 of `secret`: all the store keeps of it. */
  secretHash: Buffer
}

export function newIdentityCredentials(): NewIdentityCredentials {
  const id = randomBytes(ID_BYTES).toString('base64url')
  const secret = `${id}.${randomBytes(VERIFIER_BYTES).toString('base64url')}`
  return { id, secret, secretHash: hashToken(secret) }
}

/** The public id a secret names, or null when the value does not have the shape of a secret. */
export function identityIdOfSecret(secret: unknown): string | null {
  if (typeof secret !== 'string') return null
  return SECRET_PATTERN.exec(secret)?.[1] ?? null
}

/** True when `secret` hashes to `storedHash` (constant-time comparison). */
export function secretMatches(secret: string, storedHash: Buffer): boolean {
  return tokenMatches(secret, storedHash)
}
