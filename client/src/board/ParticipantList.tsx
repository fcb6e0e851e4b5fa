/**
 * The participant list moved to participants/ (with follow and the done signal); the board mounts
 * it as part of the workshop kit (participants/WorkshopKit.tsx). Re-exported here for old imports.
 */
export { ParticipantList } from '../participants/ParticipantList'
