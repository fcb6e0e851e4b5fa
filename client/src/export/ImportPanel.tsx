/**
 * Dashboard panel (facilitator only): import a .tldr file, replacing the board or adding it as a
 * new page. The file is checked in the browser first (`import-check.ts`); only a file that passes
 * is offered for "replace everything?" (the server then backs the board up as "Vor dem Import").
 * Shows the number of imported shapes, or why the file was refused, in the UI's language.
 */
import { can, type ImportMode, type Role, type Snapshot } from '@quartierboard/shared'
import { useState, type FormEvent } from 'react'
import { useLanguage } from '../i18n/language'
import { importBoard, importSizeAllowed, MAX_IMPORT_MEGABYTES } from './import-api'
import { checkImportFile, importProblemText } from './import-check'
import { fillTemplate } from './template'
import { UndoNotice } from '../dashboard/UndoNotice'
import './export.css'

interface ImportPanelProps {
  workshopId: string
  role: Role
  /** After a successful import (the dashboard may reload what depends on the board). */
  onImported?: () => void
}

export function ImportPanel({ workshopId, role, onImported }: ImportPanelProps) {
  const { language, messages } = useLanguage()
  const [file, setFile] = useState<File | null>(null)
  const [mode, setMode] = useState<ImportMode>('add-page')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<string | null>(null)
  /** The snapshot a replacing import took of the board before it (offered for undo). */
  const [backup, setBackup] = useState<Snapshot | null>(null)

  if (!can(role, 'import')) return null

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (!file) return
    setError(null)
    setResult(null)
    setBackup(null)
    if (!importSizeAllowed(file.size)) {
      setError(fillTemplate(messages.importFailed, { reason: fillTemplate(messages.importTooLarge, { megabytes: MAX_IMPORT_MEGABYTES }) }))
      return
    }
    setBusy(true)
    try {
      await checkImportFile(file)
      if (mode === 'replace' && !window.confirm(messages.importReplaceConfirm)) return
      const response = await importBoard(workshopId, file, mode, language)
      const done = response.shapes === 1 ? messages.importDoneOne : fillTemplate(messages.importDone, { count: response.shapes })
      setResult(mode === 'replace' ? `${done} ${messages.importBackupTaken}` : done)
      setBackup(response.backup ?? null)
      onImported?.()
    } catch (failure) {
      setError(fillTemplate(messages.importFailed, { reason: importProblemText(failure, messages) }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card dashboard__section import-panel" aria-labelledby="import-heading" data-testid="import-panel">
      <h2 id="import-heading">{messages.importHeading}</h2>
      <p className="hint">{messages.importHint}</p>
      <form onSubmit={(event) => void onSubmit(event)}>
        <div>
          <label htmlFor="import-file">{messages.importFile}</label>
          <input
            id="import-file"
            type="file"
            accept=".tldr,application/json"
            data-testid="import-file"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null)
              setError(null)
              setResult(null)
            }}
          />
        </div>
        <fieldset>
          <legend>{messages.importMode}</legend>
          <label className="checkbox">
            <input type="radio" name="import-mode" value="add-page" checked={mode === 'add-page'} onChange={() => setMode('add-page')} data-testid="import-mode-add-page" />
            {messages.importModeAddPage}
          </label>
          <label className="checkbox">
            <input type="radio" name="import-mode" value="replace" checked={mode === 'replace'} onChange={() => setMode('replace')} data-testid="import-mode-replace" />
            {messages.importModeReplace}
          </label>
        </fieldset>
        <button type="submit" disabled={busy || !file} data-testid="import-run">
          {busy ? messages.importBusy : messages.importRun}
        </button>
        {error && (
          <p className="error" role="alert" data-testid="import-error">
            {error}
          </p>
        )}
        {result &&
          (backup ? (
            <div data-testid="import-result">
              <UndoNotice workshopId={workshopId} text={result} backup={backup} onUndone={onImported} />
            </div>
          ) : (
            <p className="notice" role="status" data-testid="import-result">
              {result}
            </p>
          ))}
      </form>
    </section>
  )
}
