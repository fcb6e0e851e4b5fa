/**
 * "Alle zu mir holen" reaches someone whose network was away when the facilitator called: coming
 * back, their browser learns of the summon with the board, before it sees the facilitator's
 * presence again, and must still follow once that presence arrives.
 */
import type { Page } from '@playwright/test'
import { expect, test } from '../support/fixtures.js'
import { createWorkshop, roleLink } from '../support/workshops.js'
import { openBoard } from '../support/board.js'

function followedUser(page: Page): Promise<string | null> {
  return page.evaluate(() => (window as unknown as { quartierboard: { editor: { getInstanceState(): { followingUserId: string | null } } } }).quartierboard.editor.getInstanceState().followingUserId)
}

test('a participant who was offline during the summon follows the facilitator once back', async ({ page, server, newParticipant, networkLink }, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Zu mir')
  await openBoard(page, roleLink(server.url, workshop, 'facilitator'), 'Moderation')
  const link = await networkLink()
  const anna = await (await newParticipant()).newPage()
  await openBoard(anna, roleLink(link.url, workshop, 'participant'), 'Anna')
  await expect(anna.locator('[data-testid="participant"][data-name="Moderation"]')).toHaveAttribute('data-online', 'true')

  link.drop()
  await expect(anna.getByTestId('save-status')).toHaveAttribute('data-state', 'offline', { timeout: 5_000 })
  await page.evaluate(() => (window as unknown as { quartierboard: { editor: { setCamera(camera: object): void } } }).quartierboard.editor.setCamera({ x: -1500, y: -900, z: 0.5 }))
  await page.getByTestId('summon').click()
  link.restore()
  await expect.poll(() => followedUser(anna), { timeout: 15_000, message: 'Anna follows the facilitator after coming back' }).not.toBeNull()
  await anna.screenshot({ path: testInfo.outputPath('anna-follows.png') })
})
