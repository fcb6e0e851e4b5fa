import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect, it } from 'vitest'
import { makeTempDataDir } from '../testing/test-server.js'
import { testCredentials, testWorkshop } from '../testing/workshops.js'
import { SQLITE_FILE_NAME, SqliteBoardStore } from './sqlite-store.js'

/** Updates that have reached the main database file itself, read from a copy without the WAL. */
function updatesInMainFile(dataDir: string): number {
  const copyDir = makeTempDataDir()
  fs.copyFileSync(path.join(dataDir, SQLITE_FILE_NAME), path.join(copyDir, SQLITE_FILE_NAME))
  const copy = new Database(path.join(copyDir, SQLITE_FILE_NAME), { readonly: true })
  try {
    // Before the first checkpoint even the tables exist only in the WAL.
    if (!copy.prepare("SELECT 1 FROM sqlite_master WHERE name = 'updates'").get()) return 0
    return (copy.prepare('SELECT COUNT(*) AS n FROM updates').get() as { n: number }).n
  } finally {
    copy.close()
  }
}

it('checkpoints the WAL into the database file in the background, not in the appending connection', async () => {
  const dataDir = makeTempDataDir()
  const store = new SqliteBoardStore(dataDir)
  await store.createWorkshop(testWorkshop('w'), testCredentials().credentials)
  for (let i = 0; i < 300; i++) await store.appendUpdates('w', [{ data: new Uint8Array(200).fill(i % 256), time: i, author: 'a' }])
  // The appending connection checkpoints only past its high fallback threshold, so right after
  // the appends the rows are in the WAL; the worker copies them into the main file within seconds.
  const deadline = Date.now() + 5000
  while (updatesInMainFile(dataDir) < 300 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  expect(updatesInMainFile(dataDir)).toBe(300)
  await store.close()
  // Closing stops the worker before the connection; the file is intact and complete.
  const reopened = new SqliteBoardStore(dataDir)
  expect(await reopened.lastSeq('w')).toBe(300)
  await reopened.close()
})
