/** Strings of the app shell that works offline: the prompt to reload onto a new version. */
export const offlineDe = {
  updateAvailableReload: 'Neue Version verfügbar – neu laden',
}

export const offlineEn: Record<keyof typeof offlineDe, string> = {
  updateAvailableReload: 'New version available – reload',
}
