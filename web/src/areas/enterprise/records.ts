import type { Schema } from '../../app/api';

/** Records of the voucher API that only the enterprise's pages read. */
export type Application = Schema<'ApplicationDto'>;

export type Voucher = Schema<'VoucherDto'>;
