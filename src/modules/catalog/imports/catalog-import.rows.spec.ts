import { makeUscc } from '../../../../packages/shared/uscc';
import { copyField, IMPORT_COLUMNS, readHeader, validateRecord } from './catalog-import.rows';

const header = (() => {
  const read = readHeader([...IMPORT_COLUMNS]);
  if ('problem' in read) throw new Error(read.problem);
  return read.index;
})();
const isCategory = (c: string) => ['testing', 'analysis'].includes(c);
const uscc = makeUscc('91', '310115', 'MA1234567');
const record = (overrides: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>> = {}) => {
  const values: Record<string, string> = {
    provider_uscc: uscc, provider_name: '上海测试检测技术有限公司', service_code: 'XRF-001', name: 'X射线荧光光谱分析', category: 'analysis',
    unit_price_fen: '50000', unit: '样品', lead_time_days: '5', instrument_name: '', instrument_model: '', description: '', ...overrides,
  };
  return IMPORT_COLUMNS.map((c) => values[c]);
};

describe('catalogue import rows', () => {
  it('accepts a valid row, with empty optional fields as null', () => {
    expect(validateRecord(record(), header, isCategory)).toEqual({
      row: {
        providerUscc: uscc, providerName: '上海测试检测技术有限公司', serviceCode: 'XRF-001', name: 'X射线荧光光谱分析', category: 'analysis',
        unitPriceFen: 50000, unit: '样品', leadTimeDays: 5, instrumentName: null, instrumentModel: null, description: null,
      },
      problems: [],
    });
  });

  it('reports every problem against its column', () => {
    const bad = validateRecord(record({ provider_uscc: `${uscc.slice(0, 17)}${uscc[17] === '0' ? '1' : '0'}`, unit_price_fen: '0', lead_time_days: '366', category: 'x', name: '' }), header, isCategory);
    expect(bad.row).toBeNull();
    expect(bad.problems.map((p) => p.field)).toEqual(['provider_uscc', 'name', 'category', 'unit_price_fen', 'lead_time_days']);
    expect(validateRecord(record({ unit_price_fen: '12.5' }), header, isCategory).problems).toEqual([
      { field: 'unit_price_fen', message: 'must be a positive integer number of fen (at most 1000000000000)' },
    ]);
    expect(validateRecord(['a', 'b'], header, isCategory).problems).toEqual([{ field: 'row', message: 'has 2 fields, the header has 11' }]);
  });

  it('refuses headers that miss, repeat or invent columns; optional columns may be left out', () => {
    expect(readHeader(['provider_uscc', 'name'])).toEqual({ problem: expect.stringContaining('missing columns: provider_name, service_code') });
    expect(readHeader([...IMPORT_COLUMNS, 'price'])).toEqual({ problem: expect.stringContaining('unknown columns: price') });
    expect(readHeader([...IMPORT_COLUMNS, 'name'])).toEqual({ problem: expect.stringContaining('repeated columns: name') });
    expect('index' in readHeader(IMPORT_COLUMNS.slice(0, 8).map((c) => ` ${c.toUpperCase()} `))).toBe(true);
  });

  it('escapes COPY text format', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyField(42)).toBe('42');
  });
});
