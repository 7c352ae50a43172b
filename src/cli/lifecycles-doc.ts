import { writeFileSync } from 'node:fs';
import { describeLifecycles } from '../modules/lifecycles/lifecycle-registry';
import { LIFECYCLES_DOC_PATH, renderLifecyclesMarkdown } from '../modules/lifecycles/lifecycles-doc';

/** npm run docs:lifecycles — writes docs/lifecycles.md from the lifecycle declarations. */
const lifecycles = describeLifecycles();
writeFileSync(LIFECYCLES_DOC_PATH, renderLifecyclesMarkdown(lifecycles));
process.stdout.write(`Wrote ${LIFECYCLES_DOC_PATH} (${lifecycles.length} lifecycles)\n`);
