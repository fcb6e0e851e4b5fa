/**
 * One language switch on the board: ours in the header, which tldraw's own UI follows. tldraw's main
 * menu would offer a second one that our screens could not follow, so it has none.
 */
import { openBoard } from '../support/board.js'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop, roleLink } from '../support/workshops.js'

test("the header's language switch is the only one, and tldraw's menus follow it", async ({ page, server }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Sprachen')
  await openBoard(page, roleLink(server.url, workshop, 'participant'), 'Lea')

  await page.getByTestId('main-menu.button').click()
  const preferences = page.getByTestId('main-menu-sub.preferences-button')
  await expect(preferences).toHaveText(/Einstellungen/)
  await expect(page.getByTestId('main-menu-sub.help menu language-button')).toHaveCount(0)
  await expect(page.locator('.tlui-menu').getByText(/^(Sprache|Language)$/)).toHaveCount(0)
  await page.screenshot({ path: testInfo.outputPath('main-menu-de.png') })
  await page.keyboard.press('Escape')

  await page.getByTestId('language-switch').selectOption('en')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByTestId('main-menu.button').click()
  await expect(preferences).toHaveText(/Preferences/)
  await expect(page.getByTestId('main-menu-sub.help menu language-button')).toHaveCount(0)
})
