/**
 * Runs one export from the menu: renders what it needs (reporting k/N while it draws frames),
 * packs it (ZIP, PDF) or fetches it from the server, names it and starts the download. Board
 * pictures come from the editor on screen (the live board, or the replay's read-only editor at
 * the moment shown); server files take that moment as `at`.
 */
import type { Editor } from '@tldraw/tldraw'
import { saveBlob } from './download'
import { framesInOrder, renderImage, renderSheet, shapesOf } from './board-render'
import { ExportProblem } from './export-problem'
import type { ImageChoice } from './image-options'
import { frameFileNames, frameLabel, imageFileName, localeTag, pdfFileName, pdfSubtitle, serverFileName, type NamingContext } from './job-naming'
import { buildPdf, type PdfSheet } from './pdf-document'
import { fetchServerExport, type ServerFormat } from './server-files'
import { fillTemplate } from './template'
import { withFrameTitle } from './frame-title'
import { zipFiles } from './zip'

export type ExportJob = { kind: 'image'; choice: ImageChoice } | { kind: 'pdf' } | { kind: 'server'; format: ServerFormat }

export interface ExportContext extends Omit<NamingContext, 'when'> {
  workshopId: string
  /** The replay's moment (epoch ms), or null for the board as it is now. */
  at: number | null
  editor: Editor | null
}

export type Progress = (done: number, total: number) => void

/** Stops a long export between two frames once `signal` is aborted (the menu's "Abbrechen"). */
function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportProblem('exportCancelled')
}

/** Runs the job; resolves with the downloaded file's name. A cancelled job downloads nothing. */
export async function runExport(job: ExportJob, context: ExportContext, onProgress: Progress, signal?: AbortSignal): Promise<string> {
  const naming: NamingContext = { ...context, when: context.at ?? Date.now() }
  if (job.kind === 'server') {
    const blob = await fetchServerExport(context.workshopId, job.format, context.at, context.language)
    return save(blob, serverFileName(naming, job.format))
  }
  const editor = context.editor
  if (!editor) throw new ExportProblem('exportNoEditor')
  if (job.kind === 'pdf') return exportPdf(editor, naming, onProgress, signal)

  const { choice } = job
  if (choice.scope !== 'frames') return save(await renderImage(editor, shapesOf(editor, choice.scope), choice), imageFileName(naming, choice.scope, choice.format))

  const frames = framesInOrder(editor)
  if (frames.length === 0) throw new ExportProblem('exportNoFrames')
  const names = frameFileNames(naming, frames.map((frame, index) => frameLabel(naming, frame.name, index)), choice.format)
  const entries = []
  onProgress(0, frames.length)
  for (const [index, frame] of frames.entries()) {
    stopIfCancelled(signal)
    const picture = await renderImage(editor, [frame.id], choice)
    const blob = await withFrameTitle(picture, { title: frameLabel(naming, frame.name, index), format: choice.format, background: choice.background, scale: choice.scale })
    entries.push({ name: names[index]!, data: new Uint8Array(await blob.arrayBuffer()) })
    onProgress(index + 1, frames.length)
  }
  stopIfCancelled(signal)
  return save(new Blob([zipFiles(entries) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), imageFileName(naming, 'frames', choice.format))
}

/** The PDF: a first page with the whole board (so nothing outside the frames is left out), then one page per frame in reading order. */
async function exportPdf(editor: Editor, naming: NamingContext, onProgress: Progress, signal?: AbortSignal): Promise<string> {
  const frames = framesInOrder(editor)
  const total = frames.length + 1
  onProgress(0, total)
  const sheets: PdfSheet[] = [await renderSheet(editor, null, frames.length > 0 ? naming.messages.exportPdfWholeBoard : null)]
  onProgress(1, total)
  for (const [index, frame] of frames.entries()) {
    stopIfCancelled(signal)
    sheets.push(await renderSheet(editor, frame, frameLabel(naming, frame.name, index)))
    onProgress(index + 2, total)
  }
  stopIfCancelled(signal)
  const bytes = await buildPdf(sheets, {
    title: naming.title,
    subtitle: pdfSubtitle(naming),
    language: localeTag(naming.language),
    pageLabel: (page, pages) => fillTemplate(naming.messages.exportPdfPage, { page, pages }),
  })
  return save(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), pdfFileName(naming))
}

function save(blob: Blob, fileName: string): string {
  saveBlob(blob, fileName)
  return fileName
}
