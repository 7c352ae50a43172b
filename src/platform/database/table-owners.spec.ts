import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { entityDeclarations, entityTables, sqlTables, stringLiterals } from './table-access.scan';
import { OWNERS, READ_MODELS, TABLE_OWNERS, ownerFolderOf } from './table-owners';

// One owner per table (issue 14; docs/architecture.md, "Modules and their tables").
const ROOT = join(__dirname, '..', '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** What the migrations' up() leave: created (unlogged ones too), minus what a later up() drops. */
function migrationObjects(kind: 'table' | 'view'): Set<string> {
  const names = new Set<string>();
  const create = new RegExp(`create\\s+(?:or\\s+replace\\s+)?(?:unlogged\\s+)?${kind}\\s+(?:if\\s+not\\s+exists\\s+)?"?([a-z_][a-z0-9_]*)"?`, 'gi');
  const drop = new RegExp(`drop\\s+${kind}\\s+(?:if\\s+exists\\s+)?"?([a-z_][a-z0-9_]*)"?`, 'gi');
  // Migrations only, in order: migrations/data holds their seed data (gbt2260.tsv), not SQL.
  for (const file of readdirSync(join(ROOT, 'migrations')).filter((f) => f.endsWith('.ts')).sort()) {
    const text = readFileSync(join(ROOT, 'migrations', file), 'utf8');
    const up = text.slice(text.indexOf('async up('), text.indexOf('async down(') >= 0 ? text.indexOf('async down(') : undefined);
    const statements = [...[...up.matchAll(create)].map((m) => ({ at: m.index!, name: m[1].toLowerCase(), created: true })),
      ...[...up.matchAll(drop)].map((m) => ({ at: m.index!, name: m[1].toLowerCase(), created: false }))].sort((x, y) => x.at - y.at);
    for (const { name, created } of statements) {
      if (created) names.add(name);
      else names.delete(name);
    }
  }
  return names;
}

// The map and the scanner name tables in their own text.
const SCANNER_FILES = [
  'src/platform/database/table-owners.ts',
  'src/platform/database/table-access.scan.ts',
  'src/platform/database/table-owners.spec.ts',
];

/** `file touches table` for every file outside the table owner's folder. */
export function ownershipViolations(): string[] {
  const known = new Set(Object.keys(TABLE_OWNERS));
  const files = tsFiles(join(ROOT, 'src')).map((path) => ({
    path: relative(ROOT, path).split('\\').join('/'),
    source: readFileSync(path, 'utf8'),
  }));
  const entities = new Map<string, string>();
  for (const { source } of files) {
    for (const [name, table] of entityDeclarations(source)) entities.set(name, table);
  }
  const violations: string[] = [];
  for (const { path, source } of files) {
    if (SCANNER_FILES.includes(path)) continue;
    const touched = new Set([...sqlTables(source, known), ...entityTables(source, entities)]);
    for (const table of touched) {
      const folder = ownerFolderOf(table)!;
      if (!path.startsWith(`${folder}/`)) violations.push(`${path} touches ${table}`);
    }
  }
  return violations.sort();
}


describe('one owner per table', () => {
  it('maps every table the migrations create, and only those, to an owner folder', () => {
    expect(Object.keys(TABLE_OWNERS).sort()).toEqual([...migrationObjects('table')].sort());
    for (const owner of Object.values(TABLE_OWNERS)) expect(OWNERS[owner]).toBeDefined();
  });

  it('names an owner for every read model (view) the migrations create, and documents each', () => {
    expect(Object.keys(READ_MODELS).sort()).toEqual([...migrationObjects('view')].sort());
    const architecture = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
    for (const view of Object.keys(READ_MODELS)) expect(architecture).toContain(`\`${view}\``);
  });

  it('lets only the owner touch a table', () => {
    expect(ownershipViolations()).toEqual([]);
  });
});

describe('table access scan', () => {
  const known = new Set(['vouchers', 'service_orders', 'users']);

  it('reads SQL in strings and templates, not in comments or code', () => {
    const source = [
      '// money moves from vouchers to orders',
      'const a = `SELECT * FROM service_orders o JOIN vouchers v ON ${cond ? `v.id` : "x"}`;',
      "import { x } from 'users';",
      'const b = "update users set x = 1";',
    ].join('\n');
    expect([...sqlTables(source, known)].sort()).toEqual(['service_orders', 'users', 'vouchers']);
    expect(stringLiterals('/* "from vouchers" */ const s = 1;')).toEqual([]);
    expect([...sqlTables("qb.innerJoin('users', 'u', 'u.id = o.user_id')", known)]).toEqual(['users']);
  });

  it('sees entity classes used through repositories and managers', () => {
    const entities = entityDeclarations("@Entity('vouchers')\nexport class Voucher {}");
    expect(entities).toEqual(new Map([['Voucher', 'vouchers']]));
    expect([...entityTables('tx.manager.findOne(Voucher, { where: {} })', entities)]).toEqual(['vouchers']);
    expect([...entityTables('@InjectRepository(Voucher) repo', entities)]).toEqual(['vouchers']);
    expect([...entityTables('const v: Voucher = x;', entities)]).toEqual([]);
  });
});
