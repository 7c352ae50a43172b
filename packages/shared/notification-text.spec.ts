import { NOTIFICATION_KINDS, type NotificationKind, type NotificationParams } from './notification-kinds';
import { notificationMessages } from './notification-messages';
import { NOTIFICATION_MESSAGE_KEYS, notificationText, type NotificationI18n } from './notification-text';

const words = (lang: 'zh' | 'en'): NotificationI18n => ({
  t: (key, vars) => (notificationMessages[lang][key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`)),
  label: (group, v) => `${group}:${v}`,
  has: (key) => key in notificationMessages[lang],
  regionName: (code) => ({ '330400': lang === 'en' ? 'Jiaxing' : '嘉兴市', '310000': lang === 'en' ? 'Shanghai' : '上海市' })[code] ?? code,
  time: (iso) => iso.slice(0, 16).replace('T', ' '),
});

// What the server sends for each kind (its call sites), one sample per wording.
const SAMPLES: Record<NotificationKind, NotificationParams[]> = {
  'approval.task_assigned': [{ caseTitle: '申领 SQ-1', stageKey: 'district_review', stageName: '区县科技局初审', dueAt: null }, { caseTitle: '申领 SQ-1', stageKey: 'x', stageName: '初审', dueAt: '2026-12-06T05:00:00.000Z', variant: 'due' }],
  'approval.task_reminder': [{ caseTitle: '申领 SQ-1', stageName: '初审', dueAt: '2026-12-06 13:00', path: '/review/cases/1', stageKey: 'x' }],
  'approval.task_overdue': [{ caseTitle: '申领 SQ-1', stageKey: 'x', stageName: '初审', escalateToRole: null }, { caseTitle: '申领 SQ-1', stageKey: 'x', stageName: '初审', escalateToRole: 'approver', variant: 'escalated' }],
  'approval.approved': [{ caseTitle: 'c', subjectType: 'voucher_application' }, { caseTitle: 'c', subjectType: 's', variant: 'reason', reason: '材料齐全' }],
  'approval.rejected': [{ caseTitle: 'c', subjectType: 's' }, { caseTitle: 'c', subjectType: 's', variant: 'reason', reason: '不符合条件' }],
  'approval.returned': [{ caseTitle: 'c', subjectType: 's' }, { caseTitle: 'c', subjectType: 's', variant: 'reason', reason: '请补充' }],
  'approval.withdrawn': [{ caseTitle: 'c', subjectType: 's' }, { caseTitle: 'c', subjectType: 's', variant: 'reason', reason: 'r' }],
  'voucher_application.outcome': [
    { applicationNumber: 'SQ-1', variant: 'issued', voucherNumber: 'CX-1', faceValueFen: 2_000_000, useBy: '2026-12-31' },
    { applicationNumber: 'SQ-1', variant: 'not_issued' },
    { applicationNumber: 'SQ-1', variant: 'programme_issued', programName: '嘉兴市科技创新券', voucherNumber: 'CX-1', faceValueFen: 2_000_000, useBy: '2026-12-31' },
    { applicationNumber: 'SQ-1', variant: 'programme_not_issued', programName: '嘉兴市科技创新券', programNameEn: 'Jiaxing S&T Innovation Vouchers' },
  ],
  'voucher_program.amended': [{ programName: 'P', version: 2, effectiveFrom: '2026-12-01', note: 'n', fields: [{ field: 'ratio' }, { field: 'caps' }] }],
  'voucher_program.topped_up': [{ programName: 'P', amountFen: 100_000, budgetFen: 900_000, reason: 'r' }],
  'service_order.changed': [
    { number: 'DD-1', variant: 'placed', serviceName: '检测', quantity: 2 },
    { number: 'DD-1', variant: 'misconduct_cancelled', reason: 'r' },
    { number: 'DD-1', variant: 'status', status: 'accepted' },
  ],
  'service_rating.created': [{ orderNumber: 'DD-1', score: 5 }],
  'service_rating.replied': [{ reply: '谢谢' }],
  'redemption_claim.recovery_recorded': [
    { claimNumber: 'DF-1', seq: 1, amountFen: 100, receivedOn: '2026-12-01', reference: 'B1', outstandingFen: 50 },
    { claimNumber: 'DF-1', seq: 2, amountFen: 50, receivedOn: '2026-12-02', reference: 'B2', outstandingFen: 0, variant: 'settled' },
  ],
  'four_eyes_request.opened': [{ requestKind: 'voucher_revocation', subjectNumber: 'CX-1', amountFen: 100, reason: 'r' }],
  'four_eyes_request.confirmed': [{ requestKind: 'claim_claw_back', subjectNumber: 'DF-1', note: null }, { requestKind: 'claim_claw_back', subjectNumber: 'DF-1', note: 'ok', variant: 'note' }],
  'four_eyes_request.cancelled': [{ requestKind: 'voucher_revocation', subjectNumber: 'CX-1', note: null }, { requestKind: 'voucher_revocation', subjectNumber: 'CX-1', note: 'no', variant: 'note' }],
  'misconduct_record.pending': [{ number: 'SX-1', affectedFen: 100 }],
  'misconduct_record.in_force': [{ number: 'SX-1', periodFrom: '2026-01-01', periodTo: '2026-12-31' }],
  'misconduct_record.lifted': [{ number: 'SX-1', reason: 'r' }],
  'recognition_agreement.proposed': [
    { name: 'A', version: 1, issuingRegionCode: '330400', partnerRegionCode: '310000' },
    { name: 'A', version: 2, issuingRegionCode: '330400', partnerRegionCode: '310000', variant: 'amendment', effectiveFrom: '2027-01-01', previousVersion: 1 },
  ],
  'recognition_agreement.withdrawn': [{ name: 'A', version: 1, issuingRegionCode: '330400', partnerRegionCode: '310000', reason: null }],
  'recognition_agreement.terminated': [{ name: 'A', version: 1, issuingRegionCode: '330400', partnerRegionCode: '310000', terminatedOn: '2027-01-01', reason: 'r' }],
  'recognition_agreement.signatures_voided': [{ name: 'A', version: 1, issuingRegionCode: '330400', partnerRegionCode: '310000' }],
  'recognition_agreement.terms_changed': [{ name: 'A', version: 1, issuingRegionCode: '330400', partnerRegionCode: '310000' }],
  'recognition_agreement.signed': [{ name: 'A', version: 1, issuingRegionCode: '330400', partnerRegionCode: '310000', side: 'issuing' }],
  'recognition_agreement.in_force': [{ name: 'A', version: 1, issuingRegionCode: '330400', partnerRegionCode: '310000', effectiveFrom: '2027-01-01' }],
  'account.registration_attempt': [{ organizationName: 'O' }],
  'organization.registered': [{ organizationName: 'O' }, { organizationName: 'O', variant: 'provider' }],
  'organization.controller_group.changed': [{ variant: 'joined', organizationName: 'O' }, { variant: 'left', organizationName: 'O' }],
  'organization.qualification.changed': [{ certificateNo: 'GR1', qualificationKind: 'high_tech', from: 'in_review', to: 'verified', reason: null }],
  'provider.admission.changed': [{ organizationName: 'O', from: 'in_review', to: 'public_notice', comment: null }],
  'roadshow.rsvp_promoted': [{ sessionTitle: 'S' }],
  'roadshow.investor_interest': [{ projectTitle: 'P', investorName: 'I', status: 'meeting' }],
  'roadshow.deck_invitation': [{ projectNumber: 'LY-1', projectTitle: 'P' }],
  'roadshow.session_cancelled': [{ sessionTitle: 'S', startsAt: '2026-12-06T02:00:00.000Z' }],
  'roadshow.session_request_accepted': [{ requestTitle: 'R', sessionTitle: 'S', note: null }, { requestTitle: 'R', sessionTitle: 'S', note: 'n', variant: 'note' }],
  'roadshow.session_request_declined': [{ requestTitle: 'R', sessionTitle: null, note: null }, { requestTitle: 'R', sessionTitle: null, note: 'n', variant: 'note' }],
  'roadshow.agenda_changed': [{ sessionTitle: 'S', version: 2, changes: [{ change: 'added', projectTitle: 'P', toStartsAt: '2026-12-06T02:00:00.000Z' }, { change: 'removed', projectTitle: 'Q', toStartsAt: null }] }],
  'roadshow.agenda_published': [{ sessionTitle: 'S', version: 2, projects: 3, changes: [{ change: 'moved', projectTitle: 'P', toStartsAt: '2026-12-06T02:00:00.000Z' }] }],
  'roadshow.referral_received': [{ projectTitle: 'P', fromCityCode: '330400' }],
  'roadshow.referral_accepted': [{ projectTitle: 'P', byCityCode: '310000', reason: null }],
  'roadshow.referral_declined': [{ projectTitle: 'P', byCityCode: '310000', reason: null }, { projectTitle: 'P', byCityCode: '310000', reason: 'r', variant: 'reason' }],
  'roadshow.referral_withdrawn': [{ projectTitle: 'P', byCityCode: '310000', reason: null }, { projectTitle: 'P', byCityCode: '310000', reason: 'r', variant: 'reason' }],
  'roadshow.cohost_invited': [{ sessionTitle: 'S', hostCityCode: '330400', cityCode: '310000' }],
  'roadshow.cohost_withdrawn': [{ sessionTitle: 'S', hostCityCode: '330400', cityCode: '310000' }],
  'roadshow.cohost_accepted': [{ sessionTitle: 'S', hostCityCode: '330400', cityCode: '310000', reason: null }, { sessionTitle: 'S', hostCityCode: '330400', cityCode: '310000', reason: 'r', variant: 'reason' }],
  'roadshow.cohost_declined': [{ sessionTitle: 'S', hostCityCode: '330400', cityCode: '310000', reason: null }, { sessionTitle: 'S', hostCityCode: '330400', cityCode: '310000', reason: 'r', variant: 'reason' }],
  'roadshow_coaching.item_assigned': [{ projectTitle: 'P', items: [{ description: 'd', dueOn: '2026-12-31' }] }],
  'roadshow_follow_up.due': [{ projectTitle: 'P', question: 'q' }],
  'roadshow_review.assigned': [{ round: 'R1' }],
};

describe('in-app notifications: every kind the server sends has words in each language', () => {
  it.each(['zh', 'en'] as const)('%s has a title and a body for every kind', (lang) => {
    expect(NOTIFICATION_MESSAGE_KEYS.filter((key) => !notificationMessages[lang][key])).toEqual([]);
  });

  it('zh and en have the same keys', () => {
    expect(Object.keys(notificationMessages.en).sort()).toEqual(Object.keys(notificationMessages.zh).sort());
  });

  it('each wording names only parameters the server sends, and each variant has words of its own', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const params of SAMPLES[kind]) {
        if (typeof params.variant === 'string') {
          const own = ['title', 'body'].some((part) => `notification.${kind}.${params.variant}.${part}` in notificationMessages.zh);
          expect([kind, params.variant, own]).toEqual([kind, params.variant, true]);
        }
        for (const lang of ['zh', 'en'] as const) {
          const text = notificationText({ kind, title: '旧', body: '旧', params }, words(lang));
          expect([kind, lang, text.title, text.body].join(' | ')).not.toMatch(/\{\w+\}|notification\.|undefined|旧/);
        }
      }
    }
  });

  it('names the stage in English for English readers when the task has an English name, in Chinese otherwise', () => {
    const params = { caseTitle: '申领 SQ-1', stageKey: 'city_approval', stageName: '市科技局审批', stageNameEn: 'City S&T bureau approval', dueAt: null };
    const assigned = { kind: 'approval.task_assigned', title: '', body: '', params };
    expect(notificationText(assigned, { ...words('en'), english: true }).body).toBe('City S&T bureau approval');
    expect(notificationText(assigned, words('zh')).body).toBe('市科技局审批');
    expect(notificationText({ ...assigned, params: { ...params, stageNameEn: null } }, { ...words('en'), english: true }).body).toBe('市科技局审批');
  });

  it("names a programme by its English name for English readers when its bureau gave one", () => {
    const params = { programName: '嘉兴市科技创新券', programNameEn: 'Jiaxing S&T Innovation Vouchers', amountFen: 100_000, budgetFen: 900_000, reason: 'r' };
    const toppedUp = { kind: 'voucher_program.topped_up', title: '', body: '', params };
    expect(notificationText(toppedUp, { ...words('en'), english: true }).title).toBe('Budget topped up: Jiaxing S&T Innovation Vouchers');
    expect(notificationText(toppedUp, words('zh')).title).toBe('创新券预算追加：嘉兴市科技创新券');
    expect(notificationText({ ...toppedUp, params: { ...params, programNameEn: null } }, { ...words('en'), english: true }).title).toBe('Budget topped up: 嘉兴市科技创新券');
  });

  it('names the programme of a voucher issued or not, in English where it has an English name; notices stored before name none', () => {
    const [issuedBefore, notIssuedBefore, issued, notIssued] = SAMPLES['voucher_application.outcome'].map((params) => ({ kind: 'voucher_application.outcome', title: '旧', body: '旧', params }));
    expect(notificationText(issued, words('zh')).title).toBe('创新券已发放：嘉兴市科技创新券');
    expect(notificationText(issued, { ...words('en'), english: true }).title).toBe('Voucher issued: 嘉兴市科技创新券');
    expect(notificationText(notIssued, { ...words('en'), english: true })).toEqual({
      title: 'Voucher not issued: Jiaxing S&T Innovation Vouchers',
      body: 'No voucher of Jiaxing S&T Innovation Vouchers was issued for application SQ-1; the reason is on the application page.',
    });
    expect(notificationText(notIssued, words('zh')).body).toBe('申领 SQ-1（嘉兴市科技创新券）未能发放创新券，原因请在申领详情中查看。');
    expect(notificationText(issuedBefore, words('zh')).title).toBe('创新券已发放');
    expect(notificationText(notIssuedBefore, words('en')).title).toBe('Voucher not issued');
  });

  it('words money in yuan, regions by name and lists item by item; unknown kinds and old rows show the stored text', () => {
    const issued = { kind: 'voucher_application.outcome', title: '创新券已发放', body: '券号 CX-1…', params: SAMPLES['voucher_application.outcome'][0] };
    expect(notificationText(issued, words('en'))).toEqual({ title: 'Voucher issued', body: 'Voucher CX-1, face value ¥20,000.00, use by 2026-12-31' });
    expect(notificationText(issued, words('zh'))).toEqual({ title: '创新券已发放', body: '券号 CX-1，面额 ¥20,000.00，使用截止 2026-12-31' });
    const invited = { kind: 'roadshow.cohost_invited', title: '', body: '', params: SAMPLES['roadshow.cohost_invited'][0] };
    expect(notificationText(invited, words('en')).body).toBe('Jiaxing invites your city to co-host the roadshow “S”; answer on the city roadshow page.');
    const agenda = { kind: 'roadshow.agenda_changed', title: '', body: '', params: SAMPLES['roadshow.agenda_changed'][0] };
    expect(notificationText(agenda, words('en')).body).toBe('added “P” 2026-12-06 02:00; removed “Q”');
    expect(notificationText({ kind: 'voucher_application.outcome', title: '旧标题', body: '旧正文', params: null }, words('en'))).toEqual({ title: '旧标题', body: '旧正文' });
    expect(notificationText({ kind: 'something.new', title: '新', body: '新正文', params: { a: 1 } }, words('en'))).toEqual({ title: '新', body: '新正文' });
  });
});
