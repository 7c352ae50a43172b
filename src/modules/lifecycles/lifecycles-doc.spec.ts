import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeLifecycles } from './lifecycle-registry';
import { LIFECYCLES_DOC_PATH, renderLifecyclesMarkdown } from './lifecycles-doc';

describe(LIFECYCLES_DOC_PATH, () => {
  it('matches the declarations (run `npm run docs:lifecycles` after changing a lifecycle)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', LIFECYCLES_DOC_PATH), 'utf8');
    expect(committed).toBe(renderLifecyclesMarkdown(describeLifecycles()));
  });

  it('draws each lifecycle as a Mermaid state diagram', () => {
    const doc = renderLifecyclesMarkdown(describeLifecycles());
    expect(doc.match(/```mermaid\nstateDiagram-v2\n/g)).toHaveLength(describeLifecycles().length);
    expect(doc).toContain('  returned --> submitted: submit');
  });
});
