import { SERVICE_CODE_PATTERN } from '../dto/catalog-service.dto';
import { unboundedPattern } from './catalog-import.validation';

describe('catalogue import validation', () => {
  it('checks service codes in SQL as an unbounded pattern plus a length, accepting exactly what the API accepts', () => {
    const sql = unboundedPattern(SERVICE_CODE_PATTERN);
    expect(sql).toEqual({ source: '^[A-Za-z0-9][A-Za-z0-9._/-]*$', maxLength: 64 });
    const pattern = new RegExp(sql.source);
    const codes = ['A', 'XRF-001', 'a.b_c/d-e', '-X', '.X', 'X Y', 'X\nY', '', '测试', `A${'b'.repeat(62)}`, `A${'b'.repeat(63)}`, `A${'b'.repeat(64)}`, 'X1\u0000'];
    for (const code of codes) expect([code, pattern.test(code) && code.length <= sql.maxLength]).toEqual([code, SERVICE_CODE_PATTERN.test(code)]);
    expect(() => unboundedPattern(/^[0-9]{1,16}$/)).toThrow('unexpected pattern');
  });
});
