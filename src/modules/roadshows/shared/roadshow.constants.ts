import { Role } from '../../../platform/context/actor';

/** Subject type and workflow key of roadshow screening (路演项目筛选), seeded in the approvals module. */
export const ROADSHOW_PROJECT = 'roadshow_project';
export const ROADSHOW_SCREENING = 'roadshow_screening';

/** G60 leading industries (G60 科创走廊 先进制造业集群) used for projects, session themes and investor focus. */
export const ROADSHOW_INDUSTRIES = [
  'integrated_circuits', // 集成电路
  'artificial_intelligence', // 人工智能
  'biomedicine', // 生物医药
  'high_end_equipment', // 高端装备
  'new_energy', // 新能源
  'new_materials', // 新材料
  'new_energy_vehicles', // 新能源汽车
  'digital_economy', // 数字经济
  'other',
] as const;
export type RoadshowIndustry = (typeof ROADSHOW_INDUSTRIES)[number];

/** Financing stages (融资阶段). */
export const FINANCING_STAGES = ['seed', 'angel', 'pre_a', 'series_a', 'series_b', 'series_c_plus', 'pre_ipo'] as const;
export type FinancingStage = (typeof FINANCING_STAGES)[number];

export const SESSION_TYPES = ['custom', 'alliance', 'cloud'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

/** Who watches a live page besides organisers and presenters (docs/domain.md, "Live roadshows"). */
export const LIVE_ACCESS = ['registered', 'public'] as const;

/** Jiaxing (嘉兴市): where landing (落地) is counted. */
export const JIAXING = '330400';

/** A presenter with less time than this between two slots gets a warning (soft rule). */
export const MIN_GAP_BETWEEN_SLOTS_MINUTES = 30;

/** Who may read a project and what hangs off it (outcome, agenda, interests): its enterprise, investors, admins. */
export const PROJECT_READERS = [Role.EnterpriseUser, Role.Investor, Role.PlatformAdmin];
