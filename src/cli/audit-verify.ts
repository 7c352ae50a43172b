import { verifyAuditChain } from '../platform/audit/audit-verifier';
import { runCli, withDatabase } from './cli-database';

/** npm run audit:verify — exits 2 when the audit chain shows tampering or deletion. */
runCli(() =>
  withDatabase(async (dataSource) => {
    const result = await verifyAuditChain(dataSource);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result.ok ? 0 : 2;
  }),
);
