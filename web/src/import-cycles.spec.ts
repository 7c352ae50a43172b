import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

const SRC = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The files of web/src a file imports (relative specifiers; static, type-only and dynamic imports alike). */
function importsOf(file: string, known: Set<string>): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .filter((i) => i.fileName.startsWith('.'))
    .map((i) => {
      const base = resolve(dirname(file), i.fileName);
      return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx'), base].find((f) => known.has(f));
    })
    .filter((f): f is string => f !== undefined);
}

/** Every import cycle, each as the chain of files that closes it (depth-first search, one report per back edge). */
function importCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

/**
 * Imports that cross a boundary: an area (areas/<area>/) may import only app/, features/, packages/shared and its own
 * folder; app/ and features/ never import an area. (areas/index.ts, which lists the areas, is no area.)
 */
function boundaryViolations(graph: Map<string, string[]>, src: string): string[] {
  const where = (file: string) => {
    const [top, area, ...rest] = relative(src, file).split(sep);
    return { top, area: top === 'areas' && rest.length ? area : undefined };
  };
  const violations: string[] = [];
  for (const [file, imports] of graph) {
    const from = where(file);
    for (const target of imports) {
      const to = where(target);
      if (to.top !== 'areas' || to.area === undefined) continue;
      const crossArea = from.top === 'areas' && from.area !== undefined && from.area !== to.area;
      if (crossArea || from.top === 'app' || from.top === 'features') violations.push(`${relative(src, file)} → ${relative(src, target)}`);
    }
  }
  return violations;
}

describe('portal imports (web/src)', () => {
  it('form no import cycle: each module can be read, tested and loaded lazily on its own', () => {
    const files = sourceFiles(SRC);
    const known = new Set(files);
    const graph = new Map(files.map((f) => [f, importsOf(f, known)]));
    expect(graph.get(join(SRC, 'main.tsx'))).toContain(join(SRC, 'areas', 'index.ts'));
    expect(importCycles(graph).map((cycle) => cycle.map((f) => relative(SRC, f)).join(' → '))).toEqual([]);
  });

  it('keep areas apart: an area imports app/, features/ and its own folder; app/ and features/ import no area', () => {
    const files = sourceFiles(SRC);
    const known = new Set(files);
    const graph = new Map(files.map((f) => [f, importsOf(f, known)]));
    expect(boundaryViolations(graph, SRC)).toEqual([]);
  });

  it('reports each import that crosses a boundary', () => {
    const at = (path: string) => join('/src', ...path.split('/'));
    const graph = new Map([
      [at('areas/index.ts'), [at('areas/lab/index.tsx'), at('areas/enterprise/index.tsx')]],
      [at('areas/lab/orders.tsx'), [at('areas/enterprise/claims.tsx'), at('areas/lab/shared.tsx'), at('features/orders/claims.tsx'), at('app/api.ts')]],
      [at('areas/review/case.tsx'), [at('areas/enterprise/qualifications.tsx')]],
      [at('features/orders/claims.tsx'), [at('areas/enterprise/shared.tsx'), at('features/catalog/services.tsx')]],
      [at('app/widgets/kpis.tsx'), [at('areas/dashboards/shared.tsx'), at('app/i18n.tsx')]],
    ]);
    expect(boundaryViolations(graph, '/src')).toEqual([
      'areas/lab/orders.tsx → areas/enterprise/claims.tsx',
      'areas/review/case.tsx → areas/enterprise/qualifications.tsx',
      'features/orders/claims.tsx → areas/enterprise/shared.tsx',
      'app/widgets/kpis.tsx → areas/dashboards/shared.tsx',
    ]);
  });

  it('reports a cycle as the chain that closes it', () => {
    const graph = new Map([
      ['index', ['enterprise', 'lab']],
      ['enterprise', ['claims']],
      ['claims', ['orders']],
      ['orders', ['claims']],
      ['lab', ['claims', 'index']],
    ]);
    expect(importCycles(graph)).toEqual([
      ['claims', 'orders', 'claims'],
      ['index', 'lab', 'index'],
    ]);
  });
});
