import { Transaction } from '../../platform/database/unit-of-work';
import { VoucherApplicationSubject } from './voucher-application.subject';

/** What load() asked the database for: one entry per read, with whether it locked the row. */
function transaction(reads: { id: string; locked: boolean }[]): Transaction {
  const manager = {
    getRepository: () => ({
      findOne: async ({ where, lock }: { where: { id: string }; lock?: unknown }) => {
        reads.push({ id: where.id, locked: lock !== undefined });
        return where.id === 'missing' ? null : { id: where.id, status: 'submitted' };
      },
    }),
  };
  return new Transaction(manager as never);
}

describe('VoucherApplicationSubject reads an application once per transaction', () => {
  const subject = new VoucherApplicationSubject(...(new Array(7).fill(undefined) as []));
  const load = (tx: Transaction, id: string, lock = false) => (subject as unknown as { load(tx: Transaction, id: string, lock?: boolean): Promise<{ id: string }> }).load(tx, id, lock);

  it('serves later reads of the transaction from its first read under lock', async () => {
    const reads: { id: string; locked: boolean }[] = [];
    const tx = transaction(reads);
    const first = await load(tx, 'a', true);
    expect(await load(tx, 'a')).toBe(first);
    expect(await load(tx, 'a', true)).toBe(first);
    expect(reads).toEqual([{ id: 'a', locked: true }]);
  });

  it('reads again under lock after a read without, and keeps applications and transactions apart', async () => {
    const reads: { id: string; locked: boolean }[] = [];
    const tx = transaction(reads);
    await load(tx, 'a');
    await load(tx, 'a');
    await load(tx, 'a', true);
    await load(tx, 'a');
    await load(tx, 'b');
    await load(transaction(reads), 'a', true);
    expect(reads).toEqual([
      { id: 'a', locked: false },
      { id: 'a', locked: true },
      { id: 'b', locked: false },
      { id: 'a', locked: true },
    ]);
  });

  it('answers 404 for an application that is not there, and remembers nothing of it', async () => {
    const reads: { id: string; locked: boolean }[] = [];
    const tx = transaction(reads);
    await expect(load(tx, 'missing')).rejects.toMatchObject({ status: 404 });
    await expect(load(tx, 'missing')).rejects.toMatchObject({ status: 404 });
    expect(reads).toHaveLength(2);
  });
});
