/**
 * Keyboard handling of our non-modal dialogs (export panel, template picker): opening moves focus
 * into the dialog, Tab and Shift+Tab cycle inside it, and closing gives focus back to the button
 * that opened it, so a keyboard user is never left on the page's start or on a removed element.
 */
import { useEffect, type RefObject } from 'react'

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

function focusables(panel: HTMLElement): HTMLElement[] {
  return [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.offsetParent !== null || element === document.activeElement)
}

export function useDialogFocus(open: boolean, panel: RefObject<HTMLElement | null>, opener: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const dialog = panel.current
    if (!open || !dialog) return
    const returnTo = opener.current
    if (!dialog.contains(document.activeElement)) (focusables(dialog)[0] ?? dialog).focus()

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return
      const inside = focusables(dialog)
      const first = inside[0]
      const last = inside[inside.length - 1]
      if (!first || !last) return
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault()
        last.focus()
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault()
        first.focus()
      }
    }
    dialog.addEventListener('keydown', onKeyDown)
    return () => {
      dialog.removeEventListener('keydown', onKeyDown)
      // Closed: back to the opener, unless the user has already moved on to something else.
      const active = document.activeElement
      if (returnTo && (!active || active === document.body || dialog.contains(active) || !active.isConnected)) returnTo.focus()
    }
  }, [open, panel, opener])
}
