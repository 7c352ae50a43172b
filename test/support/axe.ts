import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  rule: string;
  impact: string;
  help: string;
  /** The first five offending elements, each with axe's summary of what fails. */
  targets: string[];
}

/** axe-core on the page as it stands: its serious and critical violations (docs/accessibility.md). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: { run(ctx: Document, o: object): Promise<unknown> } }).axe.run(document, { resultTypes: ['violations'] }),
  )) as { violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] };
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary})` : ''}`) }));
}

/** The same violations, one line each (rule: targets), for a spec that expects none. */
export async function seriousAxeLines(page: Page): Promise<string[]> {
  return (await seriousAxeViolations(page)).map((v) => `${v.rule}: ${v.targets.join(', ')}`);
}
