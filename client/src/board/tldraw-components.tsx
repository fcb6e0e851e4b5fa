/**
 * What we change in tldraw's own UI, composed from tldraw's public menu parts.
 *
 * - Our overlays on the canvas (the vote dots).
 * - One language switch: the board's header has ours, which also sets tldraw's locale; tldraw's
 *   main menu would offer a second one (in fifty languages) that our screens could not follow, so
 *   its preferences group is rebuilt here without the language submenu.
 * - One stop-following control: our follow banner ("Sie folgen Anna. [Nicht mehr folgen]"); tldraw's
 *   own stop chip is hidden in styles.css (its helper buttons are not exported one by one).
 */
import {
  AccessibilityMenu,
  ColorSchemeMenu,
  DefaultMainMenu,
  EditSubmenu,
  ExportFileContentSubMenu,
  ExtrasGroup,
  InputModeMenu,
  KeyboardShortcutsMenuItem,
  TldrawUiMenuGroup,
  TldrawUiMenuSubmenu,
  ToggleDebugModeItem,
  ToggleDynamicSizeModeItem,
  ToggleEdgeScrollingItem,
  ToggleFocusModeItem,
  ToggleGridItem,
  TogglePasteAtCursorItem,
  ToggleSnapModeItem,
  ToggleToolLockItem,
  ToggleWrapModeItem,
  ViewSubmenu,
  type TLComponents,
} from '@tldraw/tldraw'
import { VoteOverlay } from '../facilitation/VoteOverlay'

/** tldraw's preferences group, less its language submenu. */
function PreferencesWithoutLanguage() {
  return (
    <TldrawUiMenuGroup id="preferences">
      <TldrawUiMenuSubmenu id="preferences" label="menu.preferences">
        <TldrawUiMenuGroup id="preferences-actions">
          <ToggleSnapModeItem />
          <ToggleToolLockItem />
          <ToggleGridItem />
          <ToggleWrapModeItem />
          <ToggleFocusModeItem />
          <ToggleEdgeScrollingItem />
          <ToggleDynamicSizeModeItem />
          <TogglePasteAtCursorItem />
          <ToggleDebugModeItem />
        </TldrawUiMenuGroup>
        <TldrawUiMenuGroup id="user-interface-submenus">
          <AccessibilityMenu />
          <InputModeMenu />
          <ColorSchemeMenu />
        </TldrawUiMenuGroup>
      </TldrawUiMenuSubmenu>
      <KeyboardShortcutsMenuItem />
    </TldrawUiMenuGroup>
  )
}

function BoardMainMenu() {
  return (
    <DefaultMainMenu>
      <TldrawUiMenuGroup id="basic">
        <EditSubmenu />
        <ViewSubmenu />
        <ExportFileContentSubMenu />
        <ExtrasGroup />
      </TldrawUiMenuGroup>
      <PreferencesWithoutLanguage />
    </DefaultMainMenu>
  )
}

/** Stable object: tldraw remounts its components when this changes. */
export const boardComponents: TLComponents = { InFrontOfTheCanvas: VoteOverlay, MainMenu: BoardMainMenu }
