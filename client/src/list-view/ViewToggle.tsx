/** The board header's switch between the list view and the canvas (two buttons, the current one pressed). */
import { useLanguage } from '../i18n/language'
import type { BoardView } from './view-mode'
import './list-view.css'

interface ViewToggleProps {
  view: BoardView
  onChange: (view: BoardView) => void
}

export function ViewToggle({ view, onChange }: ViewToggleProps) {
  const { messages } = useLanguage()
  const option = (value: BoardView, label: string) => (
    <button type="button" className="view-toggle__option" aria-pressed={view === value} data-testid={`view-${value}`} onClick={() => onChange(value)}>
      {label}
    </button>
  )
  return (
    <div className="view-toggle" role="group" aria-label={messages.viewSwitch} data-testid="view-toggle" data-view={view}>
      {option('list', messages.viewList)}
      {option('canvas', messages.viewCanvas)}
    </div>
  )
}
