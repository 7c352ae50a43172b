import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, actorCoversRegion } from '../../platform/context/actor';
import { ApprovalCasesService } from '../approvals/approval-cases.service';
import { LedgerService } from '../ledger/ledger.service';
import { RegionsService } from '../organizations/regions.service';
import { ProgramsService } from '../programs/programs.service';
import { orderScope } from './map-figures.service';
import { BudgetByDistrictDto, CrossRegionFlowDto, RegionFlowRowDto, StageTimeRowDto } from './dto/dashboard.dto';

/** Orders left out of the flow: they never reached the provider or were undone, and hold nothing. */
const VOID_ORDER_STATUSES = ['cancelled', 'declined', 'rejected'];

/**
 * Read models for the bureaus' dashboards (数据看板). Money comes from the ledger: balances of the
 * voucher accounts, and the payable / paid entries of claims traced to their order's enterprise.
 * Reads only, through the views the owning modules publish (read_voucher_balances, read_order_flow,
 * read_claim_money: migrations/1764900009000-read-models.ts, docs/architecture.md "Read models");
 * this module touches no table. Scope: the platform sees everything; the others see the enterprises of their
 * regions (a district reviewer its district), except that a partner admin sees the order flow into
 * its own region, as GET /service-orders does.
 */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programs: ProgramsService,
    private readonly ledger: LedgerService,
    private readonly regions: RegionsService,
    private readonly approvals: ApprovalCasesService,
  ) {}

  async budgetByDistrict(actor: Actor, programId: string): Promise<BudgetByDistrictDto> {
    const program = await this.programs.visible(this.dataSource.manager, actor, programId);
    const districts = this.regions.under(program.issuingRegionCode).filter((r) => actorCoversRegion(actor, r.code));
    const codes = districts.map((r) => r.code);
    const vouchers = (await this.dataSource.query(
      `SELECT v.enterprise_region_code AS region_code, count(*)::int AS vouchers, COALESCE(sum(v.committed_fen), 0)::bigint AS committed,
              COALESCE(sum(v.available_fen), 0)::bigint AS available, COALESCE(sum(v.held_fen), 0)::bigint AS held
         FROM read_voucher_balances v
        WHERE v.program_id = $1 AND v.enterprise_region_code = ANY($2::text[])
        GROUP BY v.enterprise_region_code`,
      [program.id, codes],
    )) as { region_code: string; vouchers: number; committed: string; available: string; held: string }[];
    const claims = await this.claimMoneyByRegion(program.id, 'enterprise_region_code = ANY($2::text[])', [codes], 'enterprise_region_code');
    const totals = await this.ledger.balancesByKind(this.dataSource.manager, program.id);
    const rows = districts
      .map((r) => {
        const v = vouchers.find((x) => x.region_code === r.code);
        const money = claims.get(r.code);
        return {
          regionCode: r.code,
          regionName: r.name,
          vouchersIssued: v?.vouchers ?? 0,
          committedFen: Number(v?.committed ?? 0),
          heldFen: Number(v?.held ?? 0),
          capturedOrPayableFen: money?.payable ?? 0,
          paidFen: money?.paid ?? 0,
          availableToEnterprisesFen: Number(v?.available ?? 0),
        };
      })
      // The issuing city's own row only when enterprises are registered at city level.
      .filter((row) => row.regionCode !== program.issuingRegionCode || row.vouchersIssued > 0);
    return { programId: program.id, issuingRegionCode: program.issuingRegionCode, totals: { budgetFen: program.budgetFen, availableFen: totals.budget_available }, rows };
  }

  /** Orders of a programme from its issuing city to each provider city (a district counts with its city). */
  async crossRegionFlow(actor: Actor, programId: string): Promise<CrossRegionFlowDto> {
    const program = await this.programs.visible(this.dataSource.manager, actor, programId);
    const [scope, params] = orderScope(actor, 2);
    const orders = (await this.dataSource.query(
      `SELECT provider_region_code AS region_code, count(*)::int AS orders, sum(subsidy_fen)::bigint AS subsidy
         FROM read_order_flow
        WHERE program_id = $1 AND status <> ALL($${params.length + 2}::text[]) AND ${scope}
        GROUP BY provider_region_code`,
      [program.id, ...params, VOID_ORDER_STATUSES],
    )) as { region_code: string; orders: number; subsidy: string }[];
    const paid = await this.claimMoneyByRegion(program.id, scope, params, 'provider_region_code');
    const from = this.regions.get(program.issuingRegionCode);
    const byCity = new Map<string, RegionFlowRowDto>();
    for (const o of orders) {
      const city = this.cityOf(o.region_code);
      const row = byCity.get(city) ?? {
        fromRegionCode: program.issuingRegionCode,
        fromRegionName: from?.name ?? program.issuingRegionCode,
        toRegionCode: city,
        toRegionName: this.regions.get(city)?.name ?? city,
        orders: 0,
        subsidyFen: 0,
        paidFen: 0,
      };
      row.orders += o.orders;
      row.subsidyFen += Number(o.subsidy);
      row.paidFen += paid.get(o.region_code)?.paid ?? 0;
      byCity.set(city, row);
    }
    const order = (code: string) => this.regions.get(code)?.sortOrder ?? Number.MAX_SAFE_INTEGER;
    return { programId: program.id, rows: [...byCity.values()].sort((a, b) => order(a.toRegionCode) - order(b.toRegionCode)) };
  }

  /** GET /approval-metrics' stage times in hours, with the open and overdue work of each stage. */
  async approvalTimes(actor: Actor): Promise<StageTimeRowDto[]> {
    const hours = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 36) / 100);
    return (await this.approvals.stageTimes(actor)).map((s) => ({
      workflowKey: s.definitionKey,
      stageKey: s.stageKey,
      decided: s.decided,
      avgHours: hours(s.avgSeconds),
      p50Hours: hours(s.p50Seconds),
      p90Hours: hours(s.p90Seconds),
      overdueOpen: s.overdueOpen,
      open: s.open,
    }));
  }

  /**
   * The payable and paid ledger entries of a programme's claims (read_claim_money), with the regions
   * of the claim's order's enterprise and provider, summed by `groupBy`. `scope` is a predicate over
   * enterprise_region_code and provider_region_code whose parameters start at $2.
   */
  private async claimMoneyByRegion(programId: string, scope: string, params: unknown[], groupBy: string): Promise<Map<string, { payable: number; paid: number }>> {
    const rows = (await this.dataSource.query(
      `SELECT ${groupBy} AS region_code, kind, sum(amount_fen)::bigint AS total
         FROM read_claim_money
        WHERE program_id = $1 AND ${scope}
        GROUP BY 1, 2`,
      [programId, ...params],
    )) as { region_code: string; kind: 'payable' | 'paid'; total: string }[];
    const money = new Map<string, { payable: number; paid: number }>();
    for (const r of rows) {
      const entry = money.get(r.region_code) ?? { payable: 0, paid: 0 };
      entry[r.kind] = Number(r.total);
      money.set(r.region_code, entry);
    }
    return money;
  }

  private cityOf(regionCode: string): string {
    const lineage = this.regions.lineage(regionCode);
    return lineage[lineage.length - 1] ?? regionCode;
  }
}
