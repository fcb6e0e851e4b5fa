/**
 * Accessibility scans with axe-core: WCAG 2.0/2.1 A and AA rules on our own screens. A scan fails on
 * any serious or critical violation, naming the rule and the elements; every scan's findings (all
 * impacts) are attached to the test, for docs/ACCESSIBILITY.md.
 *
 * tldraw's canvas (the drawing surface with its shapes) is left out: what is drawn there is the
 * participants' content, and the list view is its accessible form. tldraw's menus and toolbars stay in.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, type TestInfo } from '@playwright/test'

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const BLOCKING = new Set(['serious', 'critical'])

export interface ScanSummary {
  screen: string
  violations: Array<{ rule: string; impact: string; nodes: number }>
}

export async function expectAccessible(page: Page, screen: string, testInfo: TestInfo): Promise<ScanSummary> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).exclude('.tl-canvas').analyze()
  const summary: ScanSummary = {
    screen,
    violations: results.violations.map((violation) => ({ rule: violation.id, impact: violation.impact ?? 'unknown', nodes: violation.nodes.length })),
  }
  await testInfo.attach(`axe-${screen}.json`, { body: JSON.stringify(summary, null, 2), contentType: 'application/json' })
  const blocking = results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map((violation) => {
      const where = violation.nodes.slice(0, 8).map((node) => `${node.target.join(' ')}: ${node.any[0]?.message ?? node.failureSummary ?? ''}`)
      return `${violation.id} (${violation.impact}): ${violation.help}\n    ${where.join('\n    ')}`
    })
  expect(blocking, `serious or critical accessibility violations on "${screen}"`).toEqual([])
  return summary
}
