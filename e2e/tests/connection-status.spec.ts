/**
 * Honest status when the network drops, in real Chromium: Anna's browser reaches the server
 * through a network link that the test drops without telling anyone (like a Wi-Fi that goes
 * away). Within 5 s her board says "Offline", in the status and in her own participant entry;
 * within 10 s the others see her offline; edits she makes meanwhile arrive once the link is back.
 */
import { expect, test } from '../support/fixtures.js'
import { createWorkshop, roleLink } from '../support/workshops.js'
import { expectSaved, openBoard, shapes, writeStickyNote } from '../support/board.js'

test('a dropped network shows "Offline" within 5 s, the others see it within 10 s, and offline edits arrive afterwards', async ({
  page,
  server,
  newParticipant,
  networkLink,
}, testInfo) => {
  const workshop = await createWorkshop(server.url, 'Funkloch')
  const link = await networkLink()
  await openBoard(page, roleLink(link.url, workshop, 'participant'), 'Anna')
  await writeStickyNote(page, 'Vor dem Funkloch', 400, 300)
  await expectSaved(page)
  const ben = await (await newParticipant()).newPage()
  await openBoard(ben, roleLink(server.url, workshop, 'participant'), 'Ben')
  const annaAtBen = ben.locator('[data-testid="participant"][data-name="Anna"]')
  await expect(annaAtBen).toHaveAttribute('data-online', 'true')
  const annaHerself = page.locator('[data-testid="participant"][data-name="Anna"]')
  await expect(annaHerself).toHaveAttribute('data-online', 'true')

  link.drop()
  const droppedAt = Date.now()
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'offline', { timeout: 5_000 })
  const offlineAfterMs = Date.now() - droppedAt
  await expect(page.getByTestId('save-status')).toContainText('Offline')
  await expect(page.getByTestId('board-announcer')).toContainText('Verbindung unterbrochen.')
  await expect(annaHerself).toHaveAttribute('data-online', 'false')
  await page.screenshot({ path: testInfo.outputPath('anna-offline.png') })
  await expect(annaAtBen).toHaveAttribute('data-online', 'false', { timeout: 10_000 - (Date.now() - droppedAt) })
  const goneAtBenAfterMs = Date.now() - droppedAt
  await ben.screenshot({ path: testInfo.outputPath('ben-sees-anna-offline.png') })
  expect(offlineAfterMs).toBeLessThan(5_000)
  expect(goneAtBenAfterMs).toBeLessThan(10_000)

  await writeStickyNote(page, 'Im Funkloch', 600, 300)
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'offline')
  link.restore()
  await expectSaved(page)
  await expect(page.getByTestId('board-announcer')).toHaveText('Wieder verbunden.')
  await expect(annaAtBen).toHaveAttribute('data-online', 'true')
  await expect.poll(async () => (await shapes(ben)).filter((shape) => shape.type === 'note').map((shape) => shape.text).sort()).toEqual(['Im Funkloch', 'Vor dem Funkloch'])
  await page.screenshot({ path: testInfo.outputPath('anna-back.png') })
  testInfo.annotations.push({ type: 'measured', description: `Offline shown after ${offlineAfterMs} ms; others saw it after ${goneAtBenAfterMs} ms` })
})
