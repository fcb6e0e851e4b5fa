// Prints one line "N passed, N failed" from the JSON reports of vitest and Playwright, so a run
// that executed no test is visible. Exits non-zero when a report is missing or nothing ran.
import fs from 'node:fs'

let passed = 0
let failed = 0
let skipped = 0
let missing = false
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) {
    console.log(`missing test report: ${file}`)
    missing = true
    continue
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'))
  if ('numPassedTests' in report) {
    // vitest (jest-compatible JSON)
    passed += report.numPassedTests
    failed += report.numFailedTests
    skipped += report.numPendingTests + (report.numTodoTests ?? 0)
  } else if (report.stats) {
    // Playwright
    passed += report.stats.expected + (report.stats.flaky ?? 0)
    failed += report.stats.unexpected
    skipped += report.stats.skipped
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(missing || passed === 0 || failed > 0 ? 1 : 0)
