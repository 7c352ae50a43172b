import { caseTitleOfParams, caseTitleText, storedCaseTitle } from './case-title';
import { interpolate } from './interpolate';
import { labelMessages } from './label-messages';
import zhHant from './messages.zh-hant.json';

const words = (dictionary: Record<string, string>, english = false) => ({
  t: (key: string, vars?: Record<string, string | number>) => interpolate(dictionary[key] ?? key, vars),
  has: (key: string) => key in dictionary,
  english,
});
const en = words(labelMessages.en, true);
const zh = words(labelMessages.zh);
const hant = words(zhHant as Record<string, string>);

describe('case titles in the reader’s language', () => {
  it('stores the 简体 title the words make, with its values', () => {
    expect(storedCaseTitle('voucher_application', { number: 'VA-1', org: '嘉兴某科技' })).toEqual({ title: '创新券申领 VA-1：嘉兴某科技', titleParams: { number: 'VA-1', org: '嘉兴某科技' } });
    expect(storedCaseTitle('controller_group_change', { action: 'join', org: '甲公司', group: '乙集团' }).title).toBe('实际控制人关系变更（加入）：甲公司 · 乙集团');
    expect(storedCaseTitle('controller_group_change', { action: 'leave', org: '甲公司' }).title).toBe('实际控制人关系变更（退出）：甲公司');
  });

  it('words each subject type in English and 繁體, names and numbers as written', () => {
    const c = (subjectType: string, titleParams: Record<string, string>) => ({ subjectType, title: 'stored', titleParams });
    expect(caseTitleText(c('voucher_application', { number: 'VA-1', org: '嘉兴某科技' }), en)).toBe('Voucher application VA-1: 嘉兴某科技');
    expect(caseTitleText(c('provider_admission', { org: '上海某检测' }), en)).toBe('Provider admission: 上海某检测');
    expect(caseTitleText(c('controller_group_change', { action: 'create', org: '甲', group: '乙' }), en)).toBe('Actual-controller change (new group): 甲 · 乙');
    expect(caseTitleText(c('qualification_verification', { org: '甲', kindName: '高新技术企业', kindNameEn: 'High-tech enterprise', certificateNo: 'GR1' }), en)).toBe('Qualification check: 甲 High-tech enterprise GR1');
    expect(caseTitleText(c('qualification_verification', { org: '甲', kindName: '高新技术企业', kindNameEn: 'High-tech enterprise', certificateNo: 'GR1' }), zh)).toBe('资质核验：甲 高新技术企业 GR1');
    expect(caseTitleText(c('roadshow_project', { number: 'RP-1', project: '固态电池', org: '甲' }), en)).toBe('Roadshow screening RP-1: 固态电池 (甲)');
    expect(caseTitleText(c('redemption_claim', { number: 'RC-1', provider: '乙', enterprise: '甲' }), en)).toBe('Redemption claim RC-1: 乙 → 甲');
    expect(caseTitleText(c('voucher_application', { number: 'VA-1', org: '甲' }), hant)).toBe('創新券申領 VA-1：甲');
  });

  it('keeps the stored title for a case without values or of a subject type without words', () => {
    expect(caseTitleText({ subjectType: 'voucher_application', title: '旧标题', titleParams: null }, en)).toBe('旧标题');
    expect(caseTitleText({ subjectType: 'unknown_kind', title: '旧标题', titleParams: { org: '甲' } }, en)).toBe('旧标题');
  });

  it('words a notification’s case title from its params', () => {
    const params = { caseTitle: '创新券申领 VA-1：甲', caseTitleParams: { subjectType: 'voucher_application', number: 'VA-1', org: '甲' }, stageName: '区县审核' };
    expect(caseTitleOfParams(params, en)).toBe('Voucher application VA-1: 甲');
    expect(caseTitleOfParams({ caseTitle: '旧' }, en)).toBe('旧');
    expect(caseTitleOfParams({ stageName: 'x' }, en)).toBeUndefined();
  });
});
