/** Hands a file built in the browser to the browser's download (a blob: link, nothing leaves the machine). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started once click() returns; keep the URL a while for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
