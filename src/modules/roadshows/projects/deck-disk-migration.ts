import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { FileStore } from '../../../platform/files/file-store';
import { DECK_KEY, deckFileKey } from './deck-storage';

export interface DeckMigrationReport {
  /** Decks copied into the store (and removed from the disk). */
  moved: number;
  /** Decks the store already had with the same digest (a re-run, or two processes at once): removed from the disk. */
  alreadyStored: number;
  /** Files no project points at (a replaced deck whose removal failed, an upload that never committed): left on the disk. */
  orphans: string[];
  /** Files whose digest differs from the project's: left on the disk for an operator. */
  mismatched: string[];
}

/**
 * Moves the pitch decks an older version wrote to `<dataDir>/decks/<project>/<uuid>.<ext>` into the
 * shared FileStore under the same deck key (issue 20). Idempotent and safe to run in several processes
 * at once: a deck is copied, checked against roadshow_projects.deck_sha256 in the store, and only then
 * deleted from the disk. Runs at start-up when the folder exists, and as `npm run files:migrate`.
 */
export async function migrateLocalDecks(dataSource: DataSource, files: FileStore, dataDir: string, log: (line: string) => void = () => undefined): Promise<DeckMigrationReport> {
  const root = path.resolve(dataDir, 'decks');
  const report: DeckMigrationReport = { moved: 0, alreadyStored: 0, orphans: [], mismatched: [] };
  const projects = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
  for (const project of projects.filter((d) => d.isDirectory())) {
    const folder = path.join(root, project.name);
    for (const name of await fs.readdir(folder)) {
      const key = `${project.name}/${name}`;
      const file = path.join(folder, name);
      if (!DECK_KEY.test(key)) {
        report.orphans.push(key);
        continue;
      }
      const [owner] = (await dataSource.query(`SELECT deck_sha256, deck_content_type FROM roadshow_projects WHERE deck_key = $1`, [key])) as { deck_sha256: string | null; deck_content_type: string | null }[];
      if (!owner) {
        report.orphans.push(key);
        continue;
      }
      const content = await fs.readFile(file).catch(() => undefined);
      if (!content) continue; // another process moved it meanwhile
      const sha256 = createHash('sha256').update(content).digest('hex');
      if (owner.deck_sha256 && owner.deck_sha256 !== sha256) {
        report.mismatched.push(key);
        continue;
      }
      const before = await files.stat(deckFileKey(key));
      if (before?.sha256 === sha256) report.alreadyStored += 1;
      else {
        await files.put(deckFileKey(key), content, owner.deck_content_type ?? 'application/octet-stream');
        const after = await files.stat(deckFileKey(key));
        if (after?.sha256 !== sha256) throw new Error(`deck ${key}: the store holds other content after the copy`);
        report.moved += 1;
      }
      await fs.rm(file, { force: true });
    }
    await fs.rmdir(folder).catch(() => undefined); // only when empty
  }
  await fs.rmdir(root).catch(() => undefined);
  if (report.moved + report.alreadyStored + report.orphans.length + report.mismatched.length > 0) {
    log(`Local pitch decks under ${root}: ${report.moved} moved to ${files.kind} storage, ${report.alreadyStored} already there; left on disk: ${report.orphans.length} unreferenced, ${report.mismatched.length} with a wrong digest`);
  }
  return report;
}
