import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { makeTempDataDir } from '../testing/test-server.js'
import { testCredentials, testWorkshop } from '../testing/workshops.js'
import { SQLITE_FILE_NAME, SqliteBoardStore } from './sqlite-store.js'
import { storeContract } from './store-contract.js'

storeContract('SQLite', async () => new SqliteBoardStore(makeTempDataDir()))

it('keeps its data in one SQLite file in WAL mode inside DATA_DIR', async () => {
  const dataDir = path.join(makeTempDataDir(), 'nested', 'data')
  const store = new SqliteBoardStore(dataDir)
  await store.createWorkshop(testWorkshop('w', { title: 't' }), testCredentials().credentials)
  await store.close()
  expect(fs.existsSync(path.join(dataDir, SQLITE_FILE_NAME))).toBe(true)
  const reopened = new SqliteBoardStore(dataDir)
  expect(await reopened.getWorkshop('w')).toMatchObject({ title: 't' })
  await reopened.close()
})
