/**
 * Download names: "<Workshop-Titel> <label> <YYYY-MM-DD HH-MM>.<ext>", umlauts kept (RFC 6266
 * `filename*`) with an ASCII fallback for old clients.
 */
export function attachmentName(title: string, label: string, time: number, extension: string): string {
  const stamp = new Date(time).toISOString().slice(0, 16).replace('T', ' ').replace(':', '-')
  // eslint-disable-next-line no-control-regex -- control characters are what this removes from file names
  const name = `${title} ${label} ${stamp}`.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150)
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/"/g, '') || 'quartierboard'
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${name}.${extension}`)}`
}
