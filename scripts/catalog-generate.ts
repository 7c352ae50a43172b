/**
 * Writes a deterministic, realistic synthetic Shanghai service catalogue as CSV, in the format of
 * POST /api/v1/catalog/imports: 780 providers (universities, institutes, third-party labs with
 * valid, unique USCCs of Shanghai districts) and 200,000 services by default.
 *
 *   npm run catalog:generate -- --providers 780 --services 200000 [--out file] [--seed N]
 *   node dist/scripts/catalog-generate.js --services 20000 --out /tmp/catalog.csv
 *
 * All organisations are fictional; any resemblance to a real entity is accidental.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { makeUscc, USCC_CHARSET } from '../packages/shared/uscc';

export interface GenerateOptions {
  providers: number;
  services: number;
  seed: number;
}

export interface GeneratedProvider {
  uscc: string;
  name: string;
  abbr: string;
  kind: 'university' | 'institute' | 'third_party_lab';
}

export const CSV_HEADER = 'provider_uscc,provider_name,service_code,name,category,unit_price_fen,unit,lead_time_days,instrument_name,instrument_model,description';

/** Shanghai district division codes (GB/T 2260). */
const SHANGHAI_DIVISIONS = ['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310112', '310113', '310114', '310115', '310116', '310117', '310118', '310120', '310151'];
const DISTRICT_NAMES: Record<string, string> = {
  '310101': '黄浦', '310104': '徐汇', '310105': '长宁', '310106': '静安', '310107': '普陀', '310109': '虹口', '310110': '杨浦', '310112': '闵行',
  '310113': '宝山', '310114': '嘉定', '310115': '浦东', '310116': '金山', '310117': '松江', '310118': '青浦', '310120': '奉贤', '310151': '崇明',
};

const BRAND_CHARS = '申沪华海浦江东方明远精准正衡恒信博睿科创新谱光磁微纳晶源泰瑞安康宏达智联通锐铭标质检测量合众诚卓越天成金石';
const LAB_SUFFIXES = ['检测技术有限公司', '分析测试技术有限公司', '计量检测有限公司', '质量技术服务有限公司', '材料检测技术有限公司', '环境检测有限公司', '检验认证有限公司'];
const INSTITUTE_SUFFIXES = ['先进材料研究院', '精密测试研究所', '工业技术研究院', '分析测试中心', '新材料研究所', '智能制造研究院', '生物医药技术研究院'];
const UNIVERSITY_SUFFIXES = ['理工大学', '科技大学', '工程技术大学', '应用技术学院', '海洋大学', '医药大学'];

interface ServiceTemplate {
  code: string;
  name: string;
  category: string;
  instrument: string | null;
  models: string[];
  unit: string;
  /** Price range in yuan. */
  price: [number, number];
  lead: [number, number];
  standards: string[];
  scope: string;
}

const T = (
  code: string, name: string, category: string, instrument: string | null, models: string[], unit: string, price: [number, number], lead: [number, number], standards: string[], scope: string,
): ServiceTemplate => ({ code, name, category, instrument, models, unit, price, lead, standards, scope });

/** Real instrument families and methods; models are public product names, prices are made up. */
const TEMPLATES: ServiceTemplate[] = [
  T('XRF', 'X射线荧光光谱分析', 'analysis', 'X射线荧光光谱仪', ['ZSX Primus IV', 'S8 TIGER', 'ARL PERFORM’X', 'EDX-7000'], '样品', [300, 1200], [2, 7], ['GB/T 16597-2019', 'GB/T 176-2017'], '测定样品中主量及微量元素含量'),
  T('ICPMS', '电感耦合等离子体质谱(ICP-MS)检测', 'testing', '电感耦合等离子体质谱仪', ['Agilent 7900', 'iCAP RQ', 'NexION 2000', 'ICPMS-2030'], '元素', [150, 600], [3, 10], ['HJ 700-2014', 'GB 5009.268-2016'], '痕量及超痕量金属元素定量分析'),
  T('ICPOES', '电感耦合等离子体发射光谱(ICP-OES)分析', 'analysis', '电感耦合等离子体发射光谱仪', ['Avio 500', 'iCAP PRO', '5110 ICP-OES'], '元素', [80, 300], [2, 7], ['HJ 776-2015', 'GB/T 20975.25-2020'], '多元素同时测定'),
  T('SEM', '扫描电镜(SEM)测试机时', 'instrument_time', '场发射扫描电子显微镜', ['Gemini 300', 'SU8010', 'Apreo 2', 'JSM-IT800'], '小时', [400, 1200], [1, 5], ['GB/T 16594-2008', 'JY/T 0584-2020'], '样品表面形貌观察与能谱(EDS)微区成分分析'),
  T('TEM', '透射电镜(TEM)表征', 'analysis', '场发射透射电子显微镜', ['Talos F200X', 'JEM-2100F', 'Tecnai G2 F20'], '小时', [1200, 3000], [3, 12], ['GB/T 18907-2013', 'JY/T 0581-2020'], '纳米材料形貌、晶格像及选区电子衍射'),
  T('XRD', 'X射线衍射(XRD)物相分析', 'analysis', 'X射线衍射仪', ['D8 ADVANCE', 'SmartLab', 'Empyrean', 'XRD-6100'], '样品', [200, 800], [2, 7], ['JY/T 0587-2020', 'GB/T 30904-2014'], '晶体结构与物相定性定量分析'),
  T('FTIR', '傅里叶变换红外光谱(FTIR)分析', 'analysis', '傅里叶变换红外光谱仪', ['Nicolet iS50', 'VERTEX 70', 'Spectrum 3'], '样品', [150, 500], [1, 5], ['GB/T 6040-2019', 'JY/T 0582-2020'], '有机官能团鉴定与未知物剖析'),
  T('RAMAN', '激光拉曼光谱分析', 'analysis', '显微共焦拉曼光谱仪', ['LabRAM HR Evolution', 'inVia Qontor', 'DXR3'], '样品', [300, 900], [2, 7], ['JY/T 0573-2020'], '分子结构、碳材料缺陷与应力表征'),
  T('NMR', '核磁共振波谱(NMR)测试', 'analysis', '核磁共振波谱仪', ['AVANCE NEO 400', 'AVANCE III HD 600', 'JNM-ECZ500R'], '样品', [200, 1500], [2, 10], ['JY/T 0578-2020'], '一维氢谱、碳谱及二维谱结构解析'),
  T('GCMS', '气相色谱-质谱联用(GC-MS)分析', 'analysis', '气相色谱质谱联用仪', ['8890-5977B', 'GCMS-QP2020 NX', 'TRACE 1610-ISQ 7000'], '样品', [300, 1000], [3, 10], ['HJ 644-2013', 'GB/T 6041-2020'], '挥发性及半挥发性有机物定性定量'),
  T('LCMS', '液相色谱-串联质谱(LC-MS/MS)检测', 'testing', '液相色谱串联质谱仪', ['6470 LC/TQ', 'TSQ Altis', 'QTRAP 6500+'], '项', [400, 1500], [3, 12], ['GB 23200.121-2021', 'GB 31658.17-2021'], '兽药、农药残留及药物代谢物测定'),
  T('HPLC', '高效液相色谱(HPLC)含量测定', 'testing', '高效液相色谱仪', ['1260 Infinity II', 'LC-20AD', 'Vanquish Core'], '项', [200, 600], [2, 7], ['中国药典2020年版四部0512', 'GB/T 22251-2008'], '组分分离与含量测定'),
  T('UVVIS', '紫外-可见分光光度法检测', 'testing', '紫外可见分光光度计', ['UV-2600i', 'Cary 60', 'Lambda 365'], '项', [80, 300], [1, 5], ['HJ 535-2009', 'GB/T 9721-2006'], '吸光度法定量测定'),
  T('AAS', '原子吸收光谱(AAS)重金属检测', 'testing', '原子吸收分光光度计', ['AA-7000', 'PinAAcle 900T', 'contrAA 800'], '元素', [80, 250], [2, 7], ['GB 5009.12-2017', 'HJ 491-2019'], '铅、镉、铜、锌等重金属测定'),
  T('TGA', '热重分析(TGA)', 'analysis', '热重分析仪', ['TGA 5500', 'TG 209 F3', 'TGA/DSC 3+'], '样品', [200, 500], [2, 7], ['GB/T 27761-2011'], '热稳定性、分解温度及组分含量'),
  T('DSC', '差示扫描量热(DSC)测试', 'analysis', '差示扫描量热仪', ['DSC 2500', 'DSC 214 Polyma', 'DSC 3'], '样品', [200, 500], [2, 7], ['GB/T 19466.3-2004'], '玻璃化转变、熔融结晶及固化行为'),
  T('BET', '比表面积及孔径分析(BET)', 'analysis', '比表面积及孔隙度分析仪', ['ASAP 2460', 'Autosorb iQ', 'TriStar II Plus'], '样品', [300, 800], [3, 10], ['GB/T 19587-2017', 'GB/T 21650.2-2008'], '氮气吸附比表面积与孔径分布'),
  T('PSD', '激光粒度分析', 'analysis', '激光粒度分析仪', ['Mastersizer 3000', 'LA-960V2', 'Bettersize 2600'], '样品', [150, 400], [1, 5], ['GB/T 19077-2016'], '粉体及悬浮液粒径分布'),
  T('XPS', 'X射线光电子能谱(XPS)分析', 'analysis', 'X射线光电子能谱仪', ['ESCALAB 250Xi', 'AXIS SUPRA+', 'K-Alpha'], '样品', [800, 2000], [5, 15], ['GB/T 19500-2004'], '表面元素组成及化学态分析'),
  T('EMC', '电磁兼容(EMC)辐射发射测试', 'testing', '3米法电波暗室', ['ETS-Lindgren 3m', 'TDK RF 3m', 'Frankonia SAC-3'], '小时', [1500, 4000], [3, 15], ['GB/T 9254.1-2021', 'GB/T 17626.3-2016'], '辐射骚扰、传导骚扰及抗扰度试验'),
  T('SALT', '中性盐雾试验', 'testing', '盐雾试验箱', ['Q-FOG CRH600', 'SF/1000', 'ASCOTT S1000iP'], '小时', [20, 60], [3, 30], ['GB/T 10125-2021', 'GB/T 2423.17-2008'], '金属镀层及涂层耐腐蚀性能评价'),
  T('CLIM', '高低温湿热循环试验', 'testing', '高低温湿热试验箱', ['ESPEC PL-3KPH', 'Weiss WK3-340', 'Votsch VCL 4010'], '小时', [30, 90], [3, 20], ['GB/T 2423.1-2008', 'GB/T 2423.4-2008'], '环境适应性与可靠性验证'),
  T('VIB', '振动冲击试验', 'testing', '电动振动试验系统', ['苏试 DC-3000', 'LDS V8900', 'IMV A30'], '小时', [300, 900], [2, 10], ['GB/T 2423.10-2019', 'GB/T 2423.5-2019'], '正弦、随机振动及机械冲击'),
  T('TENS', '材料拉伸性能测试', 'testing', '电子万能材料试验机', ['Instron 5967', 'Zwick Z100', 'MTS E45'], '样品', [100, 400], [2, 7], ['GB/T 228.1-2021', 'GB/T 1040.2-2022'], '抗拉强度、屈服强度及断后伸长率'),
  T('METAL', '金相组织分析', 'testing', '倒置金相显微镜', ['Axio Observer 7', 'DMi8', 'GX53'], '样品', [200, 600], [2, 7], ['GB/T 13298-2015', 'GB/T 6394-2017'], '晶粒度、夹杂物及显微组织评定'),
  T('HARD', '硬度测试(洛氏/维氏/布氏)', 'testing', '全自动硬度计', ['Wilson VH3300', 'DuraScan 70', 'FALCON 500'], '样品', [60, 200], [1, 5], ['GB/T 230.1-2018', 'GB/T 4340.1-2009'], '材料及零件硬度测定'),
  T('CMM', '三坐标测量', 'testing', '三坐标测量机', ['Hexagon Global S', 'ZEISS CONTURA', 'Mitutoyo CRYSTA-Apex V'], '小时', [300, 800], [2, 7], ['GB/T 16857.2-2017'], '零部件尺寸与形位公差检测'),
  T('NDT', '无损检测(超声/射线)', 'testing', '相控阵超声检测仪', ['OmniScan X3', 'Mentor UT', 'Phasor XS'], '米', [50, 300], [2, 10], ['GB/T 11345-2013', 'NB/T 47013.3-2015'], '焊缝及铸锻件内部缺陷检测'),
  T('MICRO', '食品微生物检测', 'testing', '全自动微生物鉴定系统', ['VITEK 2 Compact', 'BD Phoenix M50', 'MALDI Biotyper'], '项', [80, 300], [3, 7], ['GB 4789.2-2022', 'GB 4789.3-2016'], '菌落总数、大肠菌群及致病菌'),
  T('PEST', '农药残留检测', 'testing', '气相色谱仪', ['8890 GC', 'GC-2030', 'TRACE 1610'], '项', [150, 500], [3, 10], ['GB 23200.113-2018', 'NY/T 761-2008'], '有机磷、有机氯及拟除虫菊酯类农药'),
  T('WATER', '水质全分析', 'testing', '离子色谱仪', ['Dionex Integrion', 'ECO IC', 'CIC-D160'], '样品', [800, 2500], [5, 15], ['GB 5749-2022', 'GB/T 5750-2023'], '常规指标、无机阴离子及金属'),
  T('VOC', '环境空气VOCs检测', 'testing', '热脱附-气相色谱质谱联用仪', ['TD-100xr + 5977B', 'TurboMatrix 650', 'UNITY-xr'], '样品', [600, 2000], [5, 15], ['HJ 644-2013', 'HJ 759-2023'], '挥发性有机物组分测定'),
  T('TEXT', '纺织品成分及色牢度检测', 'testing', '耐摩擦色牢度仪', ['YG571', 'Crockmeter 670', 'SDL M238'], '项', [60, 300], [2, 7], ['FZ/T 01057-2007', 'GB/T 3920-2008'], '纤维含量、色牢度及甲醛'),
  T('REL', '电子元器件可靠性测试', 'testing', '高加速寿命试验箱', ['ESPEC EHS-411M', 'HAST-221', 'Qualmark Typhoon'], '小时', [200, 800], [5, 30], ['GB/T 2423.50-2012', 'JESD22-A110'], 'HAST、温度循环及寿命试验'),
  T('FA', '芯片失效分析(FA)', 'analysis', '聚焦离子束扫描电镜', ['Helios 5 UX', 'Scios 2', 'ZEISS Crossbeam 550'], '小时', [1500, 4500], [3, 15], ['GJB 548C-2021', 'JESD22-B'], '定点截面、电路修改与失效定位'),
  T('BATT', '动力电池安全性能测试', 'testing', '电池针刺挤压试验机', ['BE-6045', 'CT-4008', 'HT-1200'], '样品', [2000, 8000], [7, 30], ['GB 38031-2025', 'GB/T 31485-2015'], '过充、短路、挤压、针刺及热失控'),
  T('CALP', '压力计量器具校准', 'calibration', '数字压力校验仪', ['Fluke 2700G', 'Druck DPI 612', 'CPH6600'], '台', [80, 300], [3, 7], ['JJG 52-2013', 'JJF 1271-2011'], '压力表、压力变送器校准'),
  T('CALT', '温度仪表校准', 'calibration', '恒温槽及标准铂电阻温度计', ['Fluke 7341', 'Fluke 5615', 'AMETEK RTC-250'], '支', [60, 250], [3, 7], ['JJF 1171-2007', 'JJG 229-2010'], '热电偶、热电阻及温度变送器'),
  T('CALE', '电学计量校准', 'calibration', '多功能校准器', ['Fluke 5522A', 'Fluke 5730A', 'Transmille 3050A'], '台', [100, 500], [3, 10], ['JJF 1587-2016', 'JJG 315-1983'], '数字多用表、示波器及电源校准'),
  T('CALL', '长度计量校准', 'calibration', '激光干涉仪', ['Renishaw XL-80', 'Keysight 5530', 'API XD Laser'], '台', [150, 800], [3, 10], ['JJF 1326-2011', 'JJG 146-2011'], '量块、卡尺、千分尺及机床定位精度'),
  T('CCC', 'CCC强制性产品认证检测', 'certification', null, [], '项', [3000, 15000], [15, 45], ['CNCA-C01-01:2014', 'GB 4943.1-2022'], '强制性产品认证型式试验'),
  T('CE', 'CE认证测试', 'certification', null, [], '项', [5000, 20000], [15, 45], ['EN 62368-1', 'EN 55032'], '欧盟市场准入检测与技术文件'),
  T('ROHS', 'RoHS有害物质检测', 'certification', 'X射线荧光光谱仪', ['EDX-8100', 'XL3t 980', 'EDX3600'], '样品', [300, 1200], [3, 7], ['IEC 62321-3-1:2013', 'GB/T 26125-2011'], '铅、汞、镉、六价铬、多溴联苯'),
  T('FEA', '结构有限元仿真分析', 'rnd_design', null, [], '项', [5000, 50000], [10, 60], ['GB/T 33582-2017'], '强度、模态、疲劳及热仿真'),
  T('PCB', 'PCB设计与信号完整性验证', 'rnd_design', '矢量网络分析仪', ['ZNB20', 'E5080B', 'MS46522B'], '项', [8000, 60000], [15, 60], ['IPC-2221B'], '高速电路设计、仿真及测试验证'),
  T('PILOT', '中试工艺开发', 'rnd_design', '中试反应釜', ['GSH-100L', 'KCFD-50L', 'Buchi 20L'], '批次', [20000, 150000], [30, 120], ['GB/T 36132-2018'], '放大工艺、参数优化与中试验证'),
  T('NOVEL', '科技查新', 'other', null, [], '项', [800, 3000], [5, 15], ['GB/T 32003-2015'], '新颖性检索与查新报告'),
  T('PAT', '专利检索与分析', 'other', null, [], '项', [2000, 20000], [10, 30], ['GB/T 42375-2023'], '专利布局、侵权风险及技术路线分析'),
];

const MATRICES = ['金属材料', '高分子材料', '陶瓷材料', '复合材料', '电子材料', '土壤', '水样', '食品', '药品', '化妆品', '纺织品', '锂电材料', '半导体晶圆', '涂层', '催化剂', '生物样品'];
const VARIANTS = ['', '（常规）', '（加急）', '（含制样）', '（现场）', '（批量）', '（科研）'];
const REQUIREMENTS = ['固体粉末不少于5 g', '块状样品尺寸不大于10 mm×10 mm', '液体样品不少于50 mL', '需提供样品成分及安全说明', '样品需干燥无磁性', '需提前预约机时', '提供样品MSDS'];

/** mulberry32: small, fast and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <X>(rand: () => number, items: readonly X[]): X => items[Math.floor(rand() * items.length)];
const between = (rand: () => number, [lo, hi]: [number, number]): number => lo + Math.floor(rand() * (hi - lo + 1));

export function generateProviders(options: Pick<GenerateOptions, 'providers' | 'seed'>): GeneratedProvider[] {
  const rand = prng(options.seed * 7919 + 1);
  const names = new Set<string>();
  const usccs = new Set<string>();
  const providers: GeneratedProvider[] = [];
  for (let i = 0; providers.length < options.providers; i++) {
    const division = pick(rand, SHANGHAI_DIVISIONS);
    const roll = rand();
    const kind: GeneratedProvider['kind'] = roll < 0.12 ? 'university' : roll < 0.4 ? 'institute' : 'third_party_lab';
    const brand = pick(rand, [...BRAND_CHARS]) + pick(rand, [...BRAND_CHARS]);
    const name =
      kind === 'university'
        ? `上海${brand}${pick(rand, UNIVERSITY_SUFFIXES)}`
        : kind === 'institute'
          ? `上海${DISTRICT_NAMES[division]}${brand}${pick(rand, INSTITUTE_SUFFIXES)}`
          : `上海${brand}${pick(rand, LAB_SUFFIXES)}`;
    const prefix = kind === 'third_party_lab' ? '91' : kind === 'university' ? '12' : rand() < 0.5 ? '12' : '52';
    let body = '';
    for (let k = 0; k < 9; k++) body += USCC_CHARSET[Math.floor(rand() * USCC_CHARSET.length)];
    const uscc = makeUscc(prefix, division, body);
    if (names.has(name) || usccs.has(uscc)) continue;
    names.add(name);
    usccs.add(uscc);
    providers.push({ uscc, name, kind, abbr: `P${String(providers.length + 1).padStart(4, '0')}` });
  }
  return providers;
}

/** Splits `total` services over the providers: a few large catalogues, many small ones; exact total. */
function catalogueSizes(rand: () => number, providers: number, total: number): number[] {
  const weights = Array.from({ length: providers }, () => Math.pow(rand(), 3) + 0.02);
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((w / sum) * total));
  let rest = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % providers, rest--) sizes[i] += 1;
  return sizes;
}

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV, line by line (each ends with \n), header first. */
export function* generateCatalogCsv(options: GenerateOptions): Generator<string> {
  const providers = generateProviders(options);
  const rand = prng(options.seed * 104729 + 3);
  const sizes = catalogueSizes(rand, providers.length, options.services);
  yield `${CSV_HEADER}\n`;
  for (let p = 0; p < providers.length; p++) {
    const provider = providers[p];
    // Each provider specialises in a handful of service families.
    const families = Array.from({ length: 3 + Math.floor(rand() * 10) }, () => pick(rand, TEMPLATES));
    for (let n = 0; n < sizes[p]; n++) {
      const t = pick(rand, families);
      const matrix = pick(rand, MATRICES);
      const name = `${t.name}—${matrix}${pick(rand, VARIANTS)}`;
      const yuan = between(rand, t.price);
      const priceFen = rand() < 0.8 ? yuan * 100 : yuan * 100 + Math.floor(rand() * 100);
      const model = t.models.length ? pick(rand, t.models) : null;
      const description = `依据${pick(rand, t.standards)}，${t.scope}（${matrix}）。样品要求：${pick(rand, REQUIREMENTS)}。`;
      yield `${[
        provider.uscc, provider.name, `${provider.abbr}-${t.code}-${String(n + 1).padStart(5, '0')}`, name, t.category, priceFen, t.unit,
        between(rand, t.lead), t.instrument, model, description,
      ].map(csvField).join(',')}\n`;
    }
  }
}

function parseArgs(argv: string[]): GenerateOptions & { out?: string } {
  const options: GenerateOptions & { out?: string } = { providers: 780, services: 200_000, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const int = () => {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer, got ${value}`);
      i += 1;
      return n;
    };
    if (flag === '--providers') options.providers = int();
    else if (flag === '--services') options.services = int();
    else if (flag === '--seed') options.seed = int();
    else if (flag === '--out') (options.out = value), (i += 1);
    else throw new Error(`unknown argument ${flag}; usage: --providers N --services N [--out file] [--seed N]`);
  }
  if (options.providers < 1) throw new Error('--providers must be at least 1');
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const out = options.out ? createWriteStream(options.out) : process.stdout;
  let buffer = '';
  for (const line of generateCatalogCsv(options)) {
    buffer += line;
    if (buffer.length >= 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  if (buffer) out.write(buffer);
  if (options.out) {
    out.end();
    await once(out, 'finish');
    process.stderr.write(`wrote ${options.services} services of ${options.providers} providers to ${options.out}\n`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
