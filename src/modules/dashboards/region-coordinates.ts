/**
 * Map positions (WGS-84, the seat of each government, to about 0.01°) of the regions the
 * platform knows: Jiaxing and its districts and counties, Shanghai and Songjiang, the G60 cities.
 * The regions table has no coordinates, and they change only when a region is added, so they live
 * here; a region missing from this table (e.g. one a platform admin marked issuing later) is returned
 * with null coordinates. Nothing is cached from it: the provider map reads RegionsService, which
 * follows region changes in every process.
 */
export const REGION_COORDINATES: Readonly<Record<string, { lat: number; lng: number }>> = {
  '330400': { lat: 30.75, lng: 120.76 }, // 嘉兴市
  '330402': { lat: 30.75, lng: 120.79 }, // 南湖区
  '330411': { lat: 30.76, lng: 120.71 }, // 秀洲区
  '330421': { lat: 30.83, lng: 120.93 }, // 嘉善县
  '330424': { lat: 30.53, lng: 120.95 }, // 海盐县
  '330481': { lat: 30.51, lng: 120.68 }, // 海宁市
  '330482': { lat: 30.68, lng: 121.02 }, // 平湖市
  '330483': { lat: 30.63, lng: 120.57 }, // 桐乡市
  '310000': { lat: 31.23, lng: 121.47 }, // 上海市
  '310117': { lat: 31.03, lng: 121.23 }, // 松江区
  '330100': { lat: 30.27, lng: 120.16 }, // 杭州市
  '330500': { lat: 30.89, lng: 120.09 }, // 湖州市
  '330700': { lat: 29.08, lng: 119.65 }, // 金华市
  '320500': { lat: 31.30, lng: 120.59 }, // 苏州市
  '340100': { lat: 31.82, lng: 117.23 }, // 合肥市
  '340200': { lat: 31.35, lng: 118.43 }, // 芜湖市
  '341800': { lat: 30.94, lng: 118.76 }, // 宣城市
};
