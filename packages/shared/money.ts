/** Money is integer fen, in the API and the portal alike. Yuan text is parsed exactly, never through floats. */

/** 123456 → "¥1,234.56" (negative amounts keep their sign). */
export function formatFen(fen: number | string | null | undefined): string {
  if (fen === null || fen === undefined || fen === '') return '—';
  const n = BigInt(fen);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}¥${yuan}.${cents}`;
}

/** "1,234.5" → 123450; undefined for empty text; NaN when the text is not an amount with at most 2 decimals. */
export function parseYuan(text: string): number | undefined {
  const clean = text.replace(/[,\s¥￥]/g, '');
  if (clean === '') return undefined;
  const m = /^(\d{1,10})(?:\.(\d{0,2}))?$/.exec(clean);
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 123450 → "1234.50", the text a money input shows for a value. */
export function fenToYuanText(fen: number | undefined): string {
  if (fen === undefined || !Number.isFinite(fen)) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Basis points to a percentage: 5000 → "50%", 3333 → "33.33%". */
export function formatBp(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '—';
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return rest ? `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%` : `${whole}%`;
}
