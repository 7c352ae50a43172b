import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { VouchersService } from './vouchers.service';

/** Use-by (使用截止): a voucher past its use-by day expires and its unspent balance returns to the budget. */
@Injectable()
export class VoucherExpiryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly vouchers: VouchersService,
  ) {}

  /** Expires every voucher whose use-by day ended before `asOf`; one transaction per voucher. */
  async expireDue(asOf: string): Promise<{ expired: number; returnedFen: number }> {
    const due = (await this.dataSource.query(`SELECT id FROM vouchers WHERE status IN ('active', 'exhausted') AND use_by < $1 ORDER BY use_by, id`, [asOf])) as { id: string }[];
    let expired = 0;
    let returnedFen = 0;
    for (const { id } of due) {
      await this.uow.run(async (tx) => {
        const voucher = await this.vouchers.lock(tx.manager, id);
        // Re-checked under the lock: another run may have expired it already.
        if (!['active', 'exhausted'].includes(voucher.status) || voucher.useBy >= asOf) return;
        returnedFen += await this.vouchers.close(tx, voucher, 'expire', `use-by ${voucher.useBy} passed`);
        expired += 1;
      });
    }
    return { expired, returnedFen };
  }
}
