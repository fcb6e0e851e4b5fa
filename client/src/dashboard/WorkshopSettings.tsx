/** Workshop settings a facilitator changes during a workshop, and deleting the workshop (exports offered first). */
import type { Workshop } from '@quartierboard/shared'
import { useState } from 'react'
import { forgetToken } from '../access/workshop-token'
import { deleteWorkshop, downloadUrl, updateWorkshop } from '../api'
import { useLanguage } from '../i18n/language'

interface WorkshopSettingsProps {
  workshop: Workshop
  onChanged: (workshop: Workshop) => void
  onDeleted: () => void
  onError: (error: unknown) => void
}

export function WorkshopSettings({ workshop, onChanged, onDeleted, onError }: WorkshopSettingsProps) {
  const { language, messages } = useLanguage()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)

  async function setReviewersVisible(visible: boolean) {
    try {
      onChanged(await updateWorkshop(workshop.id, { reviewersInPresence: visible }))
    } catch (error) {
      onError(error)
    }
  }

  async function setTimeZone(timeZone: string) {
    try {
      onChanged(await updateWorkshop(workshop.id, { timeZone }))
    } catch (error) {
      onError(error)
    }
  }

  async function onDelete() {
    setBusy(true)
    try {
      await deleteWorkshop(workshop.id)
      forgetToken(workshop.id)
      onDeleted()
    } catch (error) {
      onError(error)
      setBusy(false)
    }
  }

  return (
    <>
      <section className="card dashboard__section" aria-labelledby="settings-heading">
        <h2 id="settings-heading">{messages.settingsHeading}</h2>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={workshop.reviewersInPresence}
            data-testid="setting-reviewers-visible"
            onChange={(event) => void setReviewersVisible(event.target.checked)}
          />
          {messages.settingsReviewersVisible}
        </label>
        <label htmlFor="setting-time-zone" className="settings__time-zone-label">
          {messages.settingsTimeZone}
        </label>
        <select id="setting-time-zone" value={workshop.timeZone} data-testid="setting-time-zone" onChange={(event) => void setTimeZone(event.target.value)}>
          {timeZoneChoices(workshop.timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </section>
      <section className="card dashboard__section danger" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{messages.deleteHeading}</h2>
        <p className="hint">{messages.deleteIntro}</p>
        {confirming ? (
          <div className="button-row">
            <a className="button secondary" href={downloadUrl(workshop.id, '/export?format=tldr')} download data-testid="delete-export">
              {messages.deleteExportFirst}
            </a>
            <a className="button secondary" href={downloadUrl(workshop.id, `/export?format=md&locale=${language}`)} download data-testid="delete-export-results">
              {messages.deleteExportResults}
            </a>
            <a className="button secondary" href={downloadUrl(workshop.id, `/export?format=csv&locale=${language}`)} download data-testid="delete-export-results-csv">
              {messages.deleteExportResultsCsv}
            </a>
            <a className="button secondary" href={`/w/${encodeURIComponent(workshop.id)}?export=open`} data-testid="delete-export-pdf">
              {messages.deleteExportPdf}
            </a>
            <button type="button" className="danger" disabled={busy} onClick={() => void onDelete()} data-testid="delete-confirm">
              {messages.deleteConfirm}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {messages.deleteCancel}
            </button>
          </div>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="delete-start">
            {messages.deleteStart}
          </button>
        )}
      </section>
    </>
  )
}

/** Every time zone this browser knows, the workshop's own first if the browser does not list it. */
function timeZoneChoices(current: string): string[] {
  const known = Intl.supportedValuesOf('timeZone')
  return known.includes(current) ? known : [current, ...known]
}
