/**
 * What each role may do. The server enforces it on every endpoint and socket; the client reads the
 * same table so it never offers an action the server would refuse.
 */
import type { Role } from './api.js'

/** Actions that not every role may take. */
export type Capability =
  | 'edit'
  | 'uploadAsset'
  | 'runSessions'
  | 'takeSnapshots'
  | 'restoreSnapshots'
  | 'readSnapshots'
  | 'manageLinks'
  | 'editWorkshop'
  | 'deleteWorkshop'
  | 'export'
  | 'readHistory'
  | 'import'
  | 'facilitate'
  | 'vote'

const ALLOWED: Record<Capability, readonly Role[]> = {
  edit: ['facilitator', 'participant'],
  uploadAsset: ['facilitator', 'participant'],
  runSessions: ['facilitator'],
  takeSnapshots: ['facilitator'],
  restoreSnapshots: ['facilitator'],
  readSnapshots: ['facilitator', 'reviewer'],
  manageLinks: ['facilitator'],
  editWorkshop: ['facilitator'],
  deleteWorkshop: ['facilitator'],
  export: ['facilitator', 'reviewer'],
  readHistory: ['facilitator', 'reviewer'],
  import: ['facilitator'],
  facilitate: ['facilitator'],
  vote: ['facilitator', 'participant'],
}

/** True when `role` may take the action. */
export function can(role: Role, capability: Capability): boolean {
  return ALLOWED[capability].includes(role)
}

/** The roles allowed to take the action. */
export function rolesAllowedTo(capability: Capability): readonly Role[] {
  return ALLOWED[capability]
}
