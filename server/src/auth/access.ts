/**
 * Decides who a request or socket is, before any document is loaded: a token is checked against
 * the three token hashes of the named workshop (all three compared in constant time), then, only
 * when it matches none, looked up among all workshops to tell "wrong token" (401) from "a token
 * of another workshop" (403).
 */
import type { Role } from '@quartierboard/shared'
import type { BoardStore } from '../store/board-store.js'
import { hashToken, looksLikeToken, tokenMatches } from './tokens.js'

export type Access =
  | { ok: true; role: Role }
  | { ok: false; status: 401 | 403; code: 'missing_token' | 'invalid_token' | 'foreign_token'; message: string }

const ROLES_IN_ORDER: readonly Role[] = ['facilitator', 'participant', 'reviewer']

export async function checkAccess(store: BoardStore, workshopId: string, token: string | null | undefined): Promise<Access> {
  if (token === null || token === undefined || token === '') {
    return { ok: false, status: 401, code: 'missing_token', message: 'This workshop needs the token of its link.' }
  }
  if (!looksLikeToken(token)) return invalid()
  const credentials = await store.getCredentials(workshopId)
  if (credentials) {
    let role: Role | null = null
    // Compare against every role without stopping early, so timing reveals nothing.
    for (const candidate of ROLES_IN_ORDER) {
      if (tokenMatches(token, credentials.hashes[candidate]) && role === null) role = candidate
    }
    if (role) return { ok: true, role }
  }
  const owner = await store.findTokenHash(hashToken(token))
  if (owner && owner.workshopId !== workshopId) {
    return { ok: false, status: 403, code: 'foreign_token', message: 'This token belongs to another workshop.' }
  }
  return invalid()
}

function invalid(): Access {
  return { ok: false, status: 401, code: 'invalid_token', message: 'The token is not valid (any more) for this workshop.' }
}
