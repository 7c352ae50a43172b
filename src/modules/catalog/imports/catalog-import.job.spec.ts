import { needsAnalyze } from './catalog-import.job';

describe('needsAnalyze: an import analyses catalog_services when it changed enough of it', () => {
  it('analyses a table never analysed, whatever changed', () => {
    expect(needsAnalyze(0, -1)).toBe(true);
  });

  it('does not analyse after an import that changed nothing or little', () => {
    expect(needsAnalyze(0, 200_000)).toBe(false);
    expect(needsAnalyze(20_050, 200_000)).toBe(false);
    expect(needsAnalyze(50, 0)).toBe(false);
  });

  it('analyses past 50 rows and a tenth of the table, as autovacuum would', () => {
    expect(needsAnalyze(20_051, 200_000)).toBe(true);
    expect(needsAnalyze(51, 0)).toBe(true);
    expect(needsAnalyze(6_000, 60)).toBe(true);
  });
});
