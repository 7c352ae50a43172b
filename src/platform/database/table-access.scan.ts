// Finds which tables a TypeScript source file touches, for the one-owner-per-table test
// (table-owners.spec.ts). Two ways in:
// - SQL text in string and template literals: FROM / JOIN / INTO / UPDATE / DELETE FROM <table>
//   (comments are skipped, so prose that says "from vouchers" does not count), and query-builder
//   calls that name a table as a string (.innerJoin('organizations', …));
// - TypeORM entity classes (`@Entity('table') export class X`) used through a repository or an
//   EntityManager call: getRepository(X), @InjectRepository(X), manager.find(X, …), forFeature([X]), ….

/** The text of every string and template literal in `source`, comments skipped. */
export function stringLiterals(source: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = source.length;
  // Scans code until an unmatched `}` (for template `${…}`) or the end.
  function code(stopAtBrace: boolean): void {
    let depth = 0;
    while (i < n) {
      const c = source[i];
      const d = source[i + 1];
      if (c === '/' && d === '/') {
        while (i < n && source[i] !== '\n') i++;
      } else if (c === '/' && d === '*') {
        const end = source.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c === '"' || c === "'") {
        i++;
        let text = '';
        while (i < n && source[i] !== c && source[i] !== '\n') {
          if (source[i] === '\\') { text += source[i + 1] ?? ''; i += 2; continue; }
          text += source[i++];
        }
        i++;
        out.push(text);
      } else if (c === '`') {
        i++;
        template();
      } else if (c === '{') {
        depth++;
        i++;
      } else if (c === '}') {
        if (stopAtBrace && depth === 0) { i++; return; }
        depth--;
        i++;
      } else {
        i++;
      }
    }
  }
  function template(): void {
    let text = '';
    while (i < n && source[i] !== '`') {
      if (source[i] === '\\') { text += source[i + 1] ?? ''; i += 2; continue; }
      if (source[i] === '$' && source[i + 1] === '{') {
        i += 2;
        text += ' ';
        code(true);
        continue;
      }
      text += source[i++];
    }
    i++;
    out.push(text);
  }
  code(false);
  return out;
}

const SQL_TABLE = /\b(?:from|join|into|update|delete\s+from|truncate(?:\s+table)?)\s+(?:only\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)"?/gi;

// Query-builder calls that name a table as a string: .innerJoin('organizations', 'o', …), .from('users', 'u').
const BUILDER_TABLE = /\.(?:from|innerJoin|leftJoin|innerJoinAndSelect|leftJoinAndSelect|into|update|delete)\(\s*['"`]([a-z_][a-z0-9_]*)['"`]/g;

/** Table names that SQL in `source` reads or writes (only names in `known` are returned). */
export function sqlTables(source: string, known: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  for (const m of source.matchAll(BUILDER_TABLE)) {
    if (known.has(m[1])) found.add(m[1]);
  }
  for (const text of stringLiterals(source)) {
    for (const m of text.matchAll(SQL_TABLE)) {
      const name = m[1].toLowerCase();
      if (known.has(name)) found.add(name);
    }
  }
  return found;
}

/** `@Entity('table') … export class Name` declarations: class name → table. */
export function entityDeclarations(source: string): Map<string, string> {
  const found = new Map<string, string>();
  const re = /@Entity\(\s*['"]([a-z0-9_]+)['"][^)]*\)[\s\S]*?class\s+([A-Za-z0-9_]+)/g;
  for (const m of source.matchAll(re)) found.set(m[2], m[1]);
  return found;
}

const ENTITY_CALL =
  /\b(?:getRepository|InjectRepository|find|findOne|findOneBy|findOneOrFail|findOneByOrFail|findBy|findAndCount|findAndCountBy|count|countBy|exists|existsBy|sum|insert|update|delete|upsert|save|remove|create|increment|decrement|createQueryBuilder|softDelete|restore|from|innerJoin|leftJoin|innerJoinAndSelect|leftJoinAndSelect|innerJoinAndMapOne|leftJoinAndMapOne)\s*(?:<[^>()]*>)?\(\s*([A-Z][A-Za-z0-9_]*)\b/g;
const FOR_FEATURE = /forFeature\(\s*\[([^\]]*)\]/g;

/** Tables `source` touches through TypeORM entity classes (declaring the entity does not count). */
export function entityTables(source: string, entities: ReadonlyMap<string, string>): Set<string> {
  const found = new Set<string>();
  const use = (name: string) => {
    const table = entities.get(name);
    if (table) found.add(table);
  };
  for (const m of source.matchAll(ENTITY_CALL)) use(m[1]);
  for (const m of source.matchAll(FOR_FEATURE)) {
    for (const name of m[1].split(',')) use(name.trim());
  }
  return found;
}
