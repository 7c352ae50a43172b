/**
 * Deterministic demo data for Jiaxing innovation vouchers.
 * All organisations are fictional; any resemblance to a real entity is accidental.
 */
import { USCC_CHARSET, makeUscc } from '../../packages/shared/uscc';

export type QualificationKind = 'tech_sme' | 'high_tech' | 'specialised_sme';

export interface DemoEnterprise {
  key: string;
  name: string;
  uscc: string;
  regionCode: string;
  tiers: string[] /* qualification kinds */;
  qualifications: {
    kind: QualificationKind;
    certificateNo: string;
    validFrom: string /* YYYY-MM-DD */;
    validTo: string;
  }[];
  controllerGroupKey?: string;
  contactName: string;
}

export interface DemoProvider {
  key: string;
  name: string;
  uscc: string;
  regionCode: string;
  accreditations: ('CMA' | 'CNAS')[];
  admissionStatus: 'active' | 'in_review' | 'public_notice' | 'applied';
  kind: 'university' | 'institute' | 'third_party_lab';
}

export interface DemoControllerGroup {
  key: string;
  name: string;
  controllerName: string;
}

export const JIAXING_CITY_CODE = '330400';
export const SHANGHAI_CODE = '310000';

export const JIAXING_DISTRICTS: Readonly<Record<string, string>> = {
  '330402': '南湖区',
  '330411': '秀洲区',
  '330421': '嘉善县',
  '330424': '海盐县',
  '330481': '海宁市',
  '330482': '平湖市',
  '330483': '桐乡市',
};

// ---- deterministic helpers -------------------------------------------------

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32, seeded per key so adding an entry never reshuffles the others. */
function prng(key: string): () => number {
  let a = fnv1a(key);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function digits(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 10);
  return s;
}

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 organisation code (8 chars + check) — what USCC positions 9-17 embed. */
function orgCode(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i], 36) * ORG_CODE_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return first8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** Post-2015 registrations get 'MA…' bodies; older or public bodies keep a numeric legacy code. */
function orgBody(rand: () => number, legacy: boolean): string {
  if (legacy) return orgCode(String(1 + Math.floor(rand() * 7)) + digits(rand, 7));
  let s = 'MA';
  for (let i = 0; i < 6; i++) s += USCC_CHARSET[Math.floor(rand() * USCC_CHARSET.length)];
  return orgCode(s);
}

// Roughly real validity regimes: high-tech 3 years from the December batch, tech SME for the
// registration year, provincial specialised SME 3 years.
const HIGH_TECH_BATCH: Record<number, [string, string]> = {
  2023: ['2023-12-08', '2026-12-07'],
  2024: ['2024-12-24', '2027-12-23'],
  2025: ['2025-12-19', '2028-12-18'],
};
const SPECIALISED_BATCH: Record<number, [string, string]> = {
  2024: ['2024-11-15', '2027-11-14'],
  2025: ['2025-10-28', '2028-10-27'],
};

type QualSpec = `${'ht' | 'sme' | 'zjtx'}${number}`;

function qualification(rand: () => number, region: string, spec: QualSpec): DemoEnterprise['qualifications'][number] {
  const year = Number(spec.replace(/\D/g, ''));
  if (spec.startsWith('ht')) {
    const [validFrom, validTo] = HIGH_TECH_BATCH[year];
    return { kind: 'high_tech', certificateNo: `GR${year}33${digits(rand, 6)}`, validFrom, validTo };
  }
  if (spec.startsWith('zjtx')) {
    const [validFrom, validTo] = SPECIALISED_BATCH[year];
    return { kind: 'specialised_sme', certificateNo: `ZJZJTX${year}${digits(rand, 4)}`, validFrom, validTo };
  }
  const month = String(3 + Math.floor(rand() * 6)).padStart(2, '0');
  const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
  return {
    kind: 'tech_sme',
    certificateNo: `${year}${region}${digits(rand, 2)}${digits(rand, 6)}`,
    validFrom: `${year}-${month}-${day}`,
    validTo: `${year}-12-31`,
  };
}

function enterprise(
  key: string,
  name: string,
  regionCode: string,
  contactName: string,
  quals: QualSpec[],
  controllerGroupKey?: string,
): DemoEnterprise {
  const rand = prng(key);
  const uscc = makeUscc('91', regionCode, orgBody(rand, rand() < 0.3));
  const qualifications = quals.map((q) => qualification(rand, regionCode, q));
  const tiers = [...new Set(qualifications.map((q) => q.kind))];
  return {
    key,
    name,
    uscc,
    regionCode,
    tiers,
    qualifications,
    ...(controllerGroupKey ? { controllerGroupKey } : {}),
    contactName,
  };
}

// Authority/type prefix per GB 32100: 91 enterprise, 12 public institution (事业单位),
// 52 private non-enterprise unit (民办非企业单位).
function provider(
  key: string,
  name: string,
  division: string,
  kind: DemoProvider['kind'],
  accreditations: DemoProvider['accreditations'],
  admissionStatus: DemoProvider['admissionStatus'] = 'active',
  opts: { prefix?: '91' | '12' | '52'; regionCode?: string } = {},
): DemoProvider {
  const rand = prng(key);
  const prefix = opts.prefix ?? (kind === 'third_party_lab' ? '91' : '12');
  const uscc = makeUscc(prefix, division, orgBody(rand, prefix === '12' || rand() < 0.25));
  const regionCode = opts.regionCode ?? (division.startsWith('31') ? SHANGHAI_CODE : division);
  return { key, name, uscc, regionCode, accreditations, admissionStatus, kind };
}

// ---- data ------------------------------------------------------------------

export const DEMO_CONTROLLER_GROUPS: DemoControllerGroup[] = [
  { key: 'grp-hetai', name: '浙江禾泰控股集团有限公司', controllerName: '沈国良' },
  { key: 'grp-jinlan', name: '海宁锦澜实业集团有限公司', controllerName: '许晓峰' },
  { key: 'grp-yuanxin', name: '嘉善元信投资管理有限公司', controllerName: '顾振华' },
];

export const DEMO_ENTERPRISES: DemoEnterprise[] = [
  // 南湖区
  enterprise('ent-nh-hecheng', '嘉兴禾澄新材料科技有限公司', '330402', '沈佳怡', ['ht2024', 'sme2026'], 'grp-hetai'),
  enterprise('ent-nh-ruiguang', '嘉兴睿珖微电子有限公司', '330402', '王志远', ['ht2023', 'zjtx2024']),
  enterprise('ent-nh-lanxin', '嘉兴澜芯智能传感科技有限公司', '330402', '陈思雨', ['sme2026']),
  enterprise('ent-nh-yunzhou', '嘉兴云洲数字科技有限公司', '330402', '李俊杰', []),
  // 秀洲区
  enterprise('ent-xz-guangyao', '嘉兴光曜新能源科技有限公司', '330411', '沈海波', ['ht2025', 'zjtx2025'], 'grp-hetai'),
  enterprise('ent-xz-jingwei', '嘉兴经纬弘智能装备有限公司', '330411', '钱文斌', ['sme2026']),
  enterprise('ent-xz-hanfang', '嘉兴瀚纺新型纤维有限公司', '330411', '周晓燕', ['ht2024']),
  enterprise('ent-xz-xinmiao', '嘉兴新淼生物科技有限公司', '330411', '吴雅婷', ['sme2026']),
  // 嘉善县
  enterprise('ent-js-qingyuan', '嘉善清源氢能科技有限公司', '330421', '顾思远', ['ht2025', 'sme2026'], 'grp-yuanxin'),
  enterprise('ent-js-jingchuan', '嘉善晶川光电科技有限公司', '330421', '蒋立新', ['ht2023', 'zjtx2024']),
  enterprise('ent-js-mushang', '嘉善木尚家居科技有限公司', '330421', '杨春梅', ['sme2026']),
  enterprise('ent-js-xiangtai', '浙江祥钛精密机械有限公司', '330421', '朱建国', ['zjtx2025']),
  // 海盐县
  enterprise('ent-hy-hexin', '海盐核信装备科技有限公司', '330424', '徐东升', ['ht2024', 'zjtx2024']),
  enterprise('ent-hy-gujin', '海盐固锦紧固件有限公司', '330424', '张丽娟', ['sme2026']),
  enterprise('ent-hy-bolan', '海盐泊澜海洋工程科技有限公司', '330424', '金浩然', ['sme2026']),
  enterprise('ent-hy-yanqiao', '浙江盐桥新材料股份有限公司', '330424', '冯志刚', ['ht2025']),
  // 海宁市
  enterprise('ent-hn-jinlan-knit', '海宁锦澜经编科技有限公司', '330481', '许文静', ['ht2024', 'sme2026'], 'grp-jinlan'),
  enterprise('ent-hn-jinlan-leather', '海宁锦澜皮革时尚有限公司', '330481', '许明辉', ['sme2026'], 'grp-jinlan'),
  enterprise('ent-hn-chaohui', '海宁潮汇光伏材料有限公司', '330481', '陆晓东', ['ht2023', 'zjtx2025']),
  enterprise('ent-hn-yuncheng', '海宁芸橙医疗器械有限公司', '330481', '孙悦', ['sme2026']),
  // 平湖市
  enterprise('ent-ph-zhichi', '平湖智驰汽车零部件有限公司', '330482', '顾振宇', ['ht2024', 'zjtx2024'], 'grp-yuanxin'),
  enterprise('ent-ph-xingyun', '平湖星运光学仪器有限公司', '330482', '姚敏', ['ht2025']),
  enterprise('ent-ph-lvxiang', '平湖旅享箱包科技有限公司', '330482', '马晓丽', ['sme2026']),
  enterprise('ent-ph-jiuhe', '浙江玖合机器人科技有限公司', '330482', '屠伟', ['ht2025', 'sme2026']),
  // 桐乡市
  enterprise('ent-tx-xianhua', '桐乡纤华化纤科技有限公司', '330483', '沈建明', ['ht2023', 'zjtx2025']),
  enterprise('ent-tx-puyi', '桐乡濮逸毛衫设计有限公司', '330483', '钟秀英', []),
  enterprise('ent-tx-wulan', '桐乡乌澜数智科技有限公司', '330483', '方宇航', ['sme2026']),
  enterprise('ent-tx-boxin', '桐乡博芯玻纤复合材料有限公司', '330483', '潘国强', ['ht2024']),
];

export const DEMO_PROVIDERS: DemoProvider[] = [
  // 嘉兴
  provider('prv-jx-jiahe-yri', '浙江嘉禾长三角先进技术研究院', '330402', 'institute', ['CMA']),
  provider('prv-jx-hecheng-college', '嘉兴禾城职业技术学院', '330402', 'university', ['CMA']),
  provider('prv-jx-hengzhun', '嘉兴衡准检测技术有限公司', '330402', 'third_party_lab', ['CMA', 'CNAS']),
  provider('prv-jx-xiuhu-im', '嘉兴秀湖智能制造研究院', '330411', 'institute', ['CMA'], 'active', { prefix: '52' }),
  provider('prv-jx-hexin-qc', '嘉兴禾信质检技术服务有限公司', '330411', 'third_party_lab', ['CMA']),
  provider('prv-js-lvgu', '嘉善浙沪绿谷新材料研究院', '330421', 'institute', ['CMA'], 'active', { prefix: '52' }),
  provider('prv-js-zhengheng', '嘉善正衡计量检测有限公司', '330421', 'third_party_lab', ['CMA', 'CNAS']),
  provider('prv-hy-qinchuan', '海盐秦川核电装备检测有限公司', '330424', 'third_party_lab', ['CMA', 'CNAS']),
  provider('prv-hn-jianheng', '海宁鉴衡纺织品检测有限公司', '330481', 'third_party_lab', ['CMA', 'CNAS']),
  provider('prv-hn-chaocheng', '海宁潮城纺织材料研究院', '330481', 'institute', ['CMA'], 'in_review'),
  provider('prv-ph-lingang', '平湖临港光机电检测技术有限公司', '330482', 'third_party_lab', ['CMA'], 'public_notice'),
  provider('prv-tx-wutong', '桐乡梧桐数字经济研究院', '330483', 'institute', [], 'applied', { prefix: '52' }),
  // 上海
  provider('prv-sh-haicheng-univ', '上海海澄理工大学', '310110', 'university', ['CMA', 'CNAS']),
  provider('prv-sh-shenjiang-univ', '上海申江科技大学', '310112', 'university', ['CMA']),
  provider('prv-sh-yunjian-univ', '上海云间应用技术大学', '310117', 'university', ['CMA'], 'active', { regionCode: '310117' }),
  provider('prv-sh-pujiang-materials', '上海浦江先进材料研究院', '310115', 'institute', ['CMA', 'CNAS']),
  provider('prv-sh-zhangheng-sensing', '上海张衡智能感知研究院', '310115', 'institute', ['CMA'], 'active', { prefix: '52' }),
  provider('prv-sh-caoxi-ic', '上海漕溪集成电路研究所', '310104', 'institute', ['CMA', 'CNAS']),
  provider('prv-sh-green-chem', '上海长三角绿色化工研究院', '310116', 'institute', ['CMA'], 'in_review', { prefix: '52' }),
  provider('prv-sh-dishui-marine', '上海滴水湖海洋装备研究院', '310115', 'institute', [], 'applied', { prefix: '52' }),
  provider('prv-sh-shenheng', '上海申衡检测技术有限公司', '310112', 'third_party_lab', ['CMA', 'CNAS']),
  provider('prv-sh-purui', '上海谱瑞分析测试技术有限公司', '310115', 'third_party_lab', ['CMA', 'CNAS']),
  provider('prv-sh-huzhun', '上海沪准计量检测有限公司', '310107', 'third_party_lab', ['CMA', 'CNAS']),
  provider('prv-sh-kaice', '上海凯测材料检测技术有限公司', '310114', 'third_party_lab', ['CMA']),
  provider('prv-sh-huici-emc', '上海汇磁电磁兼容检测有限公司', '310117', 'third_party_lab', ['CMA', 'CNAS'], 'active', { regionCode: '310117' }),
  provider('prv-sh-shenghe-bio', '上海晟禾生物医药检测有限公司', '310118', 'third_party_lab', ['CMA', 'CNAS']),
  provider('prv-sh-ruiguang-optics', '上海锐光光电测试技术有限公司', '310104', 'third_party_lab', ['CMA']),
  provider('prv-sh-qiheng-env', '上海启衡环境检测有限公司', '310113', 'third_party_lab', ['CMA'], 'public_notice'),
  provider('prv-sh-bowei-chip', '上海博微芯片可靠性测试有限公司', '310115', 'third_party_lab', ['CNAS']),
  provider('prv-sh-hengliang-ev', '上海恒量新能源测试技术有限公司', '310120', 'third_party_lab', ['CMA', 'CNAS'], 'in_review'),
  provider('prv-sh-huke-auto', '上海沪科汽车零部件检测有限公司', '310114', 'third_party_lab', ['CMA', 'CNAS']),
  provider('prv-sh-hengshi-food', '上海衡石食品检测技术有限公司', '310105', 'third_party_lab', ['CMA']),
];
