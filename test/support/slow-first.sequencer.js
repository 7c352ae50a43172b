// Jest starts the test files with the longest recorded run first, or, with no record (a fresh clone: every CI
// run), the largest files first. Size says little here: the accessibility sweep is a small file that runs for
// minutes, and started among the last it kept one worker busy alone at the end of the run. The files known to
// be slow start first, in this order; the rest keep Jest's order. Keep the list to files that take minutes.
const Sequencer = require('@jest/test-sequencer').default;

const SLOW_FIRST = [
  'test/browser/accessibility.browser-spec.ts',
  'test/integration/worker-crash.e2e-spec.ts',
  'test/browser/roadshow.browser-spec.ts',
  'test/integration/money-concurrency.e2e-spec.ts',
  'test/browser/voucher-story.browser-spec.ts',
  'test/browser/review.browser-spec.ts',
  'test/integration/fuzz.e2e-spec.ts',
];

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const i = SLOW_FIRST.findIndex((path) => test.path.endsWith(path));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    // Array.prototype.sort is stable: within a rank, Jest's own order stands.
    return [...super.sort(tests)].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;
