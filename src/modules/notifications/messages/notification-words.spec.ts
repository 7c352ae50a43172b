import { NOTIFICATION_KINDS } from '../../../../packages/shared/notification-kinds';
import { NOTIFICATION_MESSAGE_KEYS } from '../../../../packages/shared/notification-text';
import { renderMessage } from './message-templates';
import { localizedNotification, notificationWords } from './notification-words';

const REGIONS: Record<string, { zh: string; en: string }> = { '330400': { zh: '嘉兴市', en: 'Jiaxing' } };
const region = (locale: 'zh-CN' | 'zh-Hant' | 'en') => (code: string) => (REGIONS[code] ? (locale === 'en' ? REGIONS[code].en : REGIONS[code].zh) : code);
const issued = { kind: 'voucher_application.outcome', title: '创新券已发放', body: '旧正文', params: { applicationNumber: 'SQ-1', variant: 'issued', voucherNumber: 'CX-1', faceValueFen: 2_000_000, useBy: '2026-12-31' } };

describe('notification e-mails and SMS in the recipient’s language (the shared renderer on the server)', () => {
  it('has words for every kind in every locale, zh-Hant as generated', () => {
    for (const locale of ['zh-CN', 'zh-Hant', 'en'] as const) {
      const words = notificationWords(locale, region(locale));
      expect([locale, NOTIFICATION_MESSAGE_KEYS.filter((key) => !words.has(key))]).toEqual([locale, []]);
    }
    expect(NOTIFICATION_KINDS.length).toBeGreaterThan(40);
  });

  it('words title and body from kind + params: money in yuan, regions by name, states and roles by label, instants in Shanghai time', () => {
    expect(localizedNotification(issued, 'en', region('en'))).toEqual({ title: 'Voucher issued', body: 'Voucher CX-1, face value ¥20,000.00, use by 2026-12-31' });
    expect(localizedNotification(issued, 'zh-CN', region('zh-CN'))).toEqual({ title: '创新券已发放', body: '券号 CX-1，面额 ¥20,000.00，使用截止 2026-12-31' });
    expect(localizedNotification(issued, 'zh-Hant', region('zh-Hant'))).toEqual({ title: '創新券已發放', body: '券號 CX-1，面額 ¥20,000.00，使用截止 2026-12-31' });
    const invited = { kind: 'roadshow.cohost_invited', title: '', body: '', params: { sessionTitle: 'S', hostCityCode: '330400', cityCode: '310000' } };
    expect(localizedNotification(invited, 'en', region('en')).body).toBe('Jiaxing invites your city to co-host the roadshow “S”; answer on the city roadshow page.');
    expect(localizedNotification(invited, 'zh-CN', region('zh-CN')).body).toBe('嘉兴市 邀请贵市联合主办路演「S」，请在城市路演页面答复。');
    const order = { kind: 'service_order.changed', title: '', body: '', params: { number: 'DD-1', variant: 'status', status: 'accepted' } };
    expect(localizedNotification(order, 'en', region('en')).body).toBe('Order DD-1 is now “Accepted”');
    expect(localizedNotification(order, 'zh-CN', region('zh-CN')).body).toBe('订单 DD-1 已变为“已接单”');
    const overdue = { kind: 'approval.task_overdue', title: '', body: '', params: { caseTitle: 'C', stageKey: 'x', stageName: 'S', escalateToRole: 'approver', variant: 'escalated' } };
    expect(localizedNotification(overdue, 'en', region('en')).body).toBe('S is past its time limit and was escalated to the City approver');
    const cancelled = { kind: 'roadshow.session_cancelled', title: '', body: '', params: { sessionTitle: 'S', startsAt: '2026-12-06T02:00:00.000Z' } };
    expect(localizedNotification(cancelled, 'en', region('en')).body).toBe('The roadshow planned for 2026/12/6 10:00:00 is cancelled.');
  });

  it('keeps the stored text for a notification without params or of a kind without words', () => {
    expect(localizedNotification({ ...issued, params: null }, 'en', region('en'))).toEqual({ title: '创新券已发放', body: '旧正文' });
    expect(localizedNotification({ kind: 'something.new', title: '新', body: '新正文', params: { a: 1 } }, 'en', region('en'))).toEqual({ title: '新', body: '新正文' });
  });

  it('the e-mail and SMS carry the worded title and body inside the localized wrapper', () => {
    const m = renderMessage('notification', 'en', { ...localizedNotification(issued, 'en', region('en')), link: 'https://portal.example/notifications' });
    expect(m.subject).toBe('[G60] Voucher issued');
    expect(m.text).toContain('Voucher CX-1, face value ¥20,000.00, use by 2026-12-31');
    expect(m.sms).toBe('[G60] New notification: Voucher issued');
  });
});
