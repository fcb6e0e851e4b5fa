/**
 * Every string of our own UI, German first: one catalogue per language, assembled from one part
 * per area of the app (each part keeps German and English side by side). tldraw's own UI follows
 * the same language through its user preferences (see board/current-user.ts).
 */
import { announceDe, announceEn } from './messages-announce'
import { coreDe, coreEn } from './messages-core'
import { exportDe, exportEn } from './messages-export'
import { facilitationDe, facilitationEn } from './messages-facilitation'
import { kitDe, kitEn } from './messages-kit'
import { listDe, listEn } from './messages-list'
import { offlineDe, offlineEn } from './messages-offline'
import { replayDe, replayEn } from './messages-replay'

export const de = { ...coreDe, ...replayDe, ...exportDe, ...kitDe, ...facilitationDe, ...offlineDe, ...listDe, ...announceDe }

export type Messages = typeof de

export const en: Messages = { ...coreEn, ...replayEn, ...exportEn, ...kitEn, ...facilitationEn, ...offlineEn, ...listEn, ...announceEn }

export const catalogues = { de, en } as const
export type Language = keyof typeof catalogues
