#!/usr/bin/env node
// Generates web/src/features/geo/yangtze-delta.json: the boundaries of Shanghai's districts and the cities of
// Jiangsu, Zhejiang and Anhui, one feature per region, keyed by our region codes (GB/T 2260 adcodes,
// migrations/data/gbt2260.tsv). Source, its age and the 审图号 caveat: web/README.md, "The map".
// Usage (the package is not a dependency of the repo: it pulls in echarts 3):
//   cd /tmp && npm pack echarts-map@3.0.1 && mkdir em && tar xzf echarts-map-3.0.1.tgz -C em
//   node scripts/yangtze-delta-map.mjs /tmp/em/package > web/src/features/geo/yangtze-delta.json
// The geometry stays in ECharts' compressed UTF8Encoding form (echarts/lib/coord/geo/parseGeoJson.js decodes it),
// about a third of plain GeoJSON's size.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/yangtze-delta-map.mjs <echarts-map package dir>');
  process.exit(2);
}
const PROVINCES = ['shanghai', 'jiangsu', 'zhejiang', 'anhui'];
// The source dates from 2015. Since then 闸北区 joined 静安区 (2015) and 崇明县 became 崇明区 (2016).
const MERGED_INTO = { '310108': '310106' };
const RENAMED = { '310230': { code: '310151', name: '崇明区' } };

/** A feature's geometry as a list of polygons, each with its ring offsets: how a MultiPolygon is stored. */
function polygons(geometry) {
  if (geometry.type === 'Polygon') return [{ rings: geometry.coordinates, offsets: geometry.encodeOffsets }];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.map((rings, i) => ({ rings, offsets: geometry.encodeOffsets[i] }));
  throw new Error(`unexpected geometry ${geometry.type}`);
}

const byCode = new Map();
for (const province of PROVINCES) {
  const json = JSON.parse(readFileSync(join(dir, 'json', 'province', `${province}.json`), 'utf8'));
  if (!json.UTF8Encoding) throw new Error(`${province}.json is not UTF8Encoding-compressed`);
  if ((json.UTF8Scale ?? 1024) !== 1024) throw new Error(`${province}.json has an unexpected scale`);
  for (const f of json.features) {
    const renamed = RENAMED[f.id];
    const code = MERGED_INTO[f.id] ?? renamed?.code ?? f.id;
    const entry = byCode.get(code) ?? { code, name: renamed?.name ?? f.properties.name, cp: f.properties.cp, parts: [] };
    if (!MERGED_INTO[f.id]) Object.assign(entry, { name: renamed?.name ?? f.properties.name, cp: f.properties.cp });
    entry.parts.push(...polygons(f.geometry));
    byCode.set(code, entry);
  }
}
const features = [...byCode.values()]
  .sort((a, b) => a.code.localeCompare(b.code))
  .map((e) => ({
    type: 'Feature',
    id: e.code,
    properties: { code: e.code, name: e.name, cp: e.cp },
    geometry:
      e.parts.length === 1
        ? { type: 'Polygon', coordinates: e.parts[0].rings, encodeOffsets: e.parts[0].offsets }
        : { type: 'MultiPolygon', coordinates: e.parts.map((p) => p.rings), encodeOffsets: e.parts.map((p) => p.offsets) },
  }));
process.stdout.write(JSON.stringify({ type: 'FeatureCollection', UTF8Encoding: true, source: 'echarts-map@3.0.1 (2015); see web/README.md, "The map"', features }) + '\n');
