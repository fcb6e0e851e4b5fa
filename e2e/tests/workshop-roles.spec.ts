/**
 * A facilitator runs a workshop from the dashboard in real Chromium: hands out links, runs a
 * session, takes and restores snapshots (participants see the restore live), replaces a link
 * (its holder is locked out at once) and deletes the workshop. Participants edit; reviewers only
 * read, and the UI offers each role only what the server allows.
 */
import fs from 'node:fs'
import { expect, test } from '../support/fixtures.js'
import { isReadonly, openBoard, shapes, waitForCanvas, writeStickyNote } from '../support/board.js'

test('a facilitator runs a workshop with participant and reviewer links', async ({ page, server, newParticipant }, testInfo) => {
  page.on('dialog', (dialog) => void dialog.accept())

  // The facilitator creates the workshop and lands on the dashboard.
  await page.goto(server.url)
  await page.getByTestId('lobby-title-input').fill('Fallbeispiel Görlitz')
  await page.getByTestId('lobby-field').selectOption('zentrenentwicklung')
  await page.getByTestId('lobby-create').click()
  await expect(page.getByTestId('dashboard')).toBeVisible()
  const participantLink = await page.getByTestId('link-participant').locator('input').inputValue()
  const reviewerLink = await page.getByTestId('link-reviewer').locator('input').inputValue()
  expect(participantLink).toMatch(/\/w\/[A-Za-z0-9_-]+#token=[A-Za-z0-9_-]{43}$/)
  expect(reviewerLink).toMatch(/\/w\/[A-Za-z0-9_-]+\/replay#token=[A-Za-z0-9_-]{43}$/)
  await page.getByTestId('link-participant').getByRole('button', { name: 'QR-Code' }).click()
  await expect(page.getByTestId('qr-participant').locator('svg')).toBeVisible()

  await page.getByTestId('session-title').fill('Perspektivenwerkstatt 15. März')
  await page.getByTestId('session-start').click()
  await expect(page.getByTestId('session-banner')).toContainText('Perspektivenwerkstatt 15. März')
  await expect(page.getByTestId('session-elapsed')).toHaveText(/^0:0\d$/)

  // A participant joins: the token leaves the address bar, the board is editable, no dashboard.
  const participant = await (await newParticipant()).newPage()
  await openBoard(participant, participantLink, 'Paula')
  expect(participant.url()).not.toContain('token')
  await expect(participant.getByTestId('role-badge')).toHaveText('Teilnahme')
  await expect(participant.getByTestId('open-dashboard')).toHaveCount(0)
  await expect(participant.getByTestId('board-session')).toContainText('Perspektivenwerkstatt 15. März')
  await participant.mouse.click(640, 650)
  await writeStickyNote(participant, 'Leerstand am Marktplatz', 400, 300)
  await expect(participant.getByTestId('save-status')).toHaveAttribute('data-state', 'saved')

  // A reviewer's link opens the replay; the live board, too, is read-only for them.
  const reviewer = await (await newParticipant()).newPage()
  await reviewer.goto(reviewerLink)
  await expect(reviewer.getByTestId('replay-session')).toBeVisible()
  await reviewer.getByRole('link', { name: 'Zum Board' }).click()
  await reviewer.getByTestId('name-input').fill('Rita')
  await reviewer.getByTestId('name-submit').click()
  await waitForCanvas(reviewer)
  await expect(reviewer.getByTestId('role-badge')).toHaveText('Nur lesen')
  await expect(reviewer.getByTestId('save-status')).toHaveCount(0)
  await expect.poll(async () => (await shapes(reviewer)).map((shape) => shape.text)).toEqual(['Leerstand am Marktplatz'])
  expect(await isReadonly(reviewer)).toBe(true)
  await reviewer.mouse.click(640, 650)
  await writeStickyNote(reviewer, 'Sollte nicht erscheinen', 800, 300)
  expect((await shapes(reviewer)).length).toBe(1)

  // A named snapshot, with a thumbnail drawn from its records.
  await page.getByTestId('snapshot-label').fill('Nach Phase 1')
  await page.getByTestId('snapshot-take').click()
  const phase1 = page.getByTestId('snapshot').filter({ hasText: 'Nach Phase 1' })
  await expect(phase1.getByTestId('snapshot-thumbnail')).toHaveAttribute('data-shapes', '1')

  // The participant adds a second note; restoring "Nach Phase 1" takes it away, live.
  await writeStickyNote(participant, 'Zweite Idee', 800, 300)
  await expect.poll(async () => (await shapes(participant)).length).toBe(2)
  await expect(participant.getByTestId('save-status')).toHaveAttribute('data-state', 'saved')
  await phase1.getByTestId('snapshot-restore').click()
  await expect(page.getByRole('status').filter({ hasText: 'Stand wiederhergestellt' })).toBeVisible()
  await expect.poll(async () => (await shapes(participant)).map((shape) => shape.text)).toEqual(['Leerstand am Marktplatz'])
  await expect(page.getByTestId('snapshot').filter({ hasText: 'Vor dem Wiederherstellen' }).getByTestId('snapshot-thumbnail')).toHaveAttribute(
    'data-shapes',
    '2',
  )
  await page.screenshot({ path: testInfo.outputPath('dashboard-with-snapshots.png'), fullPage: true })

  // A snapshot opens read-only in the viewer, with the export menu for its moment.
  const viewer = await page.context().newPage()
  await viewer.goto(server.url + (await phase1.getByRole('link', { name: 'Öffnen' }).getAttribute('href')))
  await waitForCanvas(viewer)
  await expect.poll(async () => (await shapes(viewer)).map((shape) => shape.text)).toEqual(['Leerstand am Marktplatz'])
  expect(await isReadonly(viewer)).toBe(true)
  await expect(viewer.getByTestId('export-open')).toBeVisible()
  await viewer.close()

  // Replacing the participant link locks the old one out at once.
  await page.getByTestId('rotate-participant').click()
  await expect(page.getByText('Neuer Link erzeugt.')).toBeVisible()
  await expect(participant.getByTestId('access-problem')).toContainText('nicht (mehr) gültig')
  expect(await page.getByTestId('link-participant').locator('input').inputValue()).not.toBe(participantLink)

  // Ending the session takes a final snapshot.
  await page.getByTestId('session-end').click()
  await expect(page.getByTestId('session-banner')).toHaveCount(0)
  await expect(page.locator('[data-testid="snapshot"][data-kind="final"]')).toHaveCount(1)

  // Deleting offers an export first, then removes everything; the reviewer is told.
  await page.getByTestId('delete-start').click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('delete-export').click()])
  expect(download.suggestedFilename()).toMatch(/^Fallbeispiel Görlitz Board .*\.tldr$/)
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { records: Array<{ typeName: string }> }
  expect(exported.records.filter((record) => record.typeName === 'shape')).toHaveLength(1)
  await page.getByTestId('delete-confirm').click()
  await expect(page.getByTestId('access-problem')).toContainText('gelöscht')
  await expect(reviewer.getByTestId('access-problem')).toContainText('gibt es nicht (mehr)')
})
