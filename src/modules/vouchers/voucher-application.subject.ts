import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APPLICANT_KINDS, OrganizationKind } from '../../platform/context/actor';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { Transaction } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import { JobName } from '../../platform/queue/queue.registry';
import { FindingReason, findingReason, findingText } from '../../../packages/shared/finding-reasons';
import { ApprovalSubject, ApprovalSubjectHandler, CaseRef, codedFinding, Finding, SubjectDescription } from '../approvals/approval-subject';
import { InsufficientFundsError, LedgerService } from '../ledger/ledger.service';
import { OrganizationDirectory } from '../organizations/organization-directory';
import { OrganizationsService } from '../organizations/organizations.service';
import { RegionsService } from '../organizations/regions.service';
import { ProgramsService } from '../programs/programs.service';
import { noTierReason, selectTier } from '../programs/subsidy';
import { CapsService } from './caps.service';
import { Voucher, VoucherApplication } from './voucher.entities';
import { APPLICATION_STATES } from './voucher.state';
import type { NotificationParams } from '../../../packages/shared/notification-kinds';
import { VOUCHER_APPLICATION, VoucherApplicationsService } from './voucher-applications.service';
import { storedCaseTitle } from '../../../packages/shared/case-title';

/**
 * A voucher application as an approval subject. Approval issues the voucher: the caps are
 * checked again under lock, the face value is committed from the budget, and the voucher with
 * its two ledger accounts is created — all in the outcome job's one transaction.
 */
@Injectable()
@ApprovalSubjectHandler(VOUCHER_APPLICATION)
export class VoucherApplicationSubject implements ApprovalSubject {
  /** Applications read by each open transaction (load()); a transaction's entry goes with it. */
  private readonly read = new WeakMap<Transaction, Map<string, { app: VoucherApplication; locked: boolean }>>();

  constructor(
    private readonly applications: VoucherApplicationsService,
    private readonly programs: ProgramsService,
    private readonly caps: CapsService,
    private readonly ledger: LedgerService,
    private readonly regions: RegionsService,
    private readonly organizations: OrganizationsService,
    private readonly directory: OrganizationDirectory,
  ) {}

  async describe(tx: Transaction, subjectId: string): Promise<SubjectDescription> {
    const app = await this.load(tx, subjectId);
    const program = await this.programs.require(tx.manager, app.programId);
    const [org] = await this.directory.parties(tx.manager, [app.enterpriseId]);
    return {
      ...storedCaseTitle(VOUCHER_APPLICATION, { number: app.number, org: org.name }),
      applicantOrgId: app.enterpriseId,
      applicantUserId: app.applicantUserId,
      regionCode: org.region_code,
      cityCode: program.issuingRegionCode,
      amountFen: app.requestedFen,
      snapshot: { requestedFen: app.requestedFen, purpose: app.purpose, programId: app.programId },
    };
  }

  async precheck(tx: Transaction, subjectId: string): Promise<Finding[]> {
    const app = await this.load(tx, subjectId);
    const today = shanghaiDate();
    const { program, policy } = await this.programs.requireOn(tx.manager, app.programId, today);
    const [org] = await this.directory.parties(tx.manager, [app.enterpriseId]);
    const applicant = this.caps.applicantOf(app.enterpriseId, org);
    const quals = await this.organizations.qualifications(tx.manager, app.enterpriseId);
    const tier = selectTier(policy.tiers, applicant.kind, quals, today);
    const inRegion = this.regions.lineage(org.region_code).includes(program.issuingRegionCode);
    const caps = await this.caps.check(tx.manager, program.id, policy, applicant, app.requestedFen);
    const [{ pending }] = (await tx.manager.query(
      `SELECT count(*)::int AS pending FROM voucher_applications WHERE enterprise_id = $1 AND program_id = $2 AND id <> $3 AND status IN ('submitted', 'in_review', 'approved')`,
      [app.enterpriseId, app.programId, app.id],
    )) as { pending: number }[];
    const base = tier !== null && tier.qualifications.length === 0;
    // Enterprises and innovation teams apply; a team is eligible by its own region, whoever hosts it.
    const applies = APPLICANT_KINDS.includes(org.kind as OrganizationKind);
    const who = applicant.kind === 'team' ? 'team' : 'enterprise';
    return [
      codedFinding('eligibility', applies && org.status === 'active' && inRegion ? 'pass' : 'fail', [
        applies ? null : findingReason('not_an_applicant', { kind: org.kind }),
        org.status !== 'active' ? findingReason('applicant_not_active', { who, status: org.status }) : null,
        inRegion ? null : findingReason('outside_issuing_region', { who, regionCode: org.region_code, issuingRegionCode: program.issuingRegionCode }),
      ]),
      codedFinding('qualification', tier === null ? 'fail' : base ? 'warn' : 'pass', [
        tier === null
          ? findingReason('no_tier', {
              who,
              tiers: noTierReason(policy.tiers, applicant.kind).replace(/^.*; the tiers are /, ''),
              tierNames: policy.tiers.map((x) => x.nameZh).join('、'),
              tierNamesEn: policy.tiers.map((x) => x.nameEn ?? x.nameZh).join(', '),
            })
          : findingReason(base ? 'base_tier_only' : 'tier_by_qualification', { who, tier: tier.code, tierName: tier.nameZh, tierNameEn: tier.nameEn ?? tier.nameZh }),
      ]),
      codedFinding('caps', caps.ok ? 'pass' : 'fail', [caps.ok ? null : caps.code]),
      codedFinding('dates', program.status === 'open' && today <= program.useBy ? 'pass' : 'fail', [
        program.status !== 'open' ? findingReason('programme_not_open', { status: program.status }) : today > program.useBy ? findingReason('use_by_passed', { useBy: program.useBy }) : null,
      ]),
      codedFinding('duplicate_application', pending > 0 ? 'warn' : 'pass', [pending > 0 ? findingReason('other_applications_pending', { count: pending, who }) : null]),
    ];
  }

  async onStageEntered(tx: Transaction, ref: CaseRef): Promise<void> {
    const app = await this.load(tx, ref.subjectId, true);
    if (app.status === 'submitted' && APPLICATION_STATES.can(app.status, 'start_review')) await this.applications.setStatus(tx, app, 'in_review', null);
  }

  /** Issuance (发券): caps under lock, then the budget, then the voucher. Refusals reject the application. */
  async onApproved(tx: Transaction, ref: CaseRef): Promise<void> {
    const app = await this.load(tx, ref.subjectId, true);
    if (app.status === 'issued' || app.status === 'rejected' || app.status === 'withdrawn') return;
    await this.applications.setStatus(tx, app, APPLICATION_STATES.next(app.status, 'approve'), null);
    // The version in effect on the day of issuance decides the caps; the voucher keeps it for its orders.
    const { program, versionNo, policy } = await this.programs.requireOn(tx.manager, app.programId, shanghaiDate());
    // A refusal is stored as a code the portal translates, and as the English text (prefixed by its kind) API clients read.
    const refuse = async (prefix: string, code: FindingReason) => {
      const reason = `${prefix}${findingText(code)}`;
      await this.applications.setStatus(tx, app, APPLICATION_STATES.next(app.status, 'reject'), reason, code);
      // The notification names no reason in one language: the application page shows it in the reader's.
      this.notify(tx, app, `创新券未能发放：${program.name}`, `申领 ${app.number}（${program.name}）未能发放创新券，原因请在申领详情中查看。`, {
        variant: 'programme_not_issued', ...programmeNames(program),
      });
    };
    if (program.status !== 'open') return refuse('the ', findingReason('programme_not_open', { status: program.status }));
    if (policy.perApplicationCapFen !== null && app.requestedFen > policy.perApplicationCapFen) {
      return refuse('caps_exceeded: ', findingReason('per_application_cap_exceeded', { requestedFen: app.requestedFen, capFen: policy.perApplicationCapFen, version: versionNo }));
    }
    const caps = await this.caps.lockAndCheck(tx.manager, program.id, policy, app.enterpriseId, app.requestedFen);
    if (!caps.ok) return refuse('caps_exceeded: ', caps.code);
    // The programme's budget row is one per programme and every issuance of the programme commits from it,
    // so it is taken last (issue 16): an unlocked look (a plain read, which waits for no writer of the row)
    // refuses what it clearly cannot cover, and the conditional debit runs right before the commit, after
    // the job's audit and outbox rows (Transaction.last), so the row is locked for that statement and the
    // commit only. If another issuance took the money in between, the debit finds too little: the job fails
    // and is retried, and on the retry the unlocked look refuses the application (budget_exhausted).
    const found = await this.ledger.find(tx.manager, program.id, 'budget_available');
    const seen = found?.balanceFen ?? 0;
    if (!found || seen < app.requestedFen) return refuse('budget_exhausted: ', findingReason('budget_exhausted', { leftFen: seen, requestedFen: app.requestedFen }));
    const [{ n }] = (await tx.manager.query(`SELECT nextval('voucher_number_seq') AS n`)) as { n: string }[];
    const voucherId = randomUUID();
    const available = await this.ledger.account(tx.manager, program.id, 'voucher_available', voucherId);
    const held = await this.ledger.account(tx.manager, program.id, 'voucher_held', voucherId);
    await this.caps.consume(tx.manager, program.id, policy, caps.applicant, app.requestedFen);
    const voucher: Voucher = Object.assign(new Voucher(), {
      id: voucherId,
      number: `CQ${program.issuingRegionCode}-${program.year}-${n.padStart(6, '0')}`,
      programId: program.id,
      enterpriseId: app.enterpriseId,
      applicationId: app.id,
      // The group whose counter this issuance consumed: usage stays with it if the enterprise moves later.
      controllerGroupId: caps.detail.find((d) => d.scope === 'group')?.scopeId ?? null,
      faceValueFen: app.requestedFen,
      programVersion: versionNo,
      applicantKind: caps.applicant.kind,
      useBy: program.useBy,
      redeemBy: program.redeemBy,
      status: 'active',
      availableAccountId: available,
      heldAccountId: held,
    });
    await tx.manager.getRepository(Voucher).insert(voucher);
    await tx.manager.query(`UPDATE voucher_applications SET voucher_id = $2 WHERE id = $1`, [app.id, voucherId]);
    tx.last(async () => {
      try {
        await this.ledger.post(tx.manager, { programId: program.id, kind: 'commit', referenceType: 'voucher', referenceId: voucherId, fromAccountId: found.id, toAccountId: available, amountFen: app.requestedFen, memo: app.number });
      } catch (error) {
        if (error instanceof InsufficientFundsError) throw new Error(`budget of programme ${program.id} taken since it was read (${app.requestedFen} fen for application ${app.id}); the job is retried`);
        throw error;
      }
    });
    await this.applications.setStatus(tx, app, APPLICATION_STATES.next(app.status, 'issue'), null);
    tx.audit({ action: 'voucher.issued', subjectType: 'voucher', subjectId: voucherId, organizationId: app.enterpriseId, after: { number: voucher.number, faceValueFen: voucher.faceValueFen, programVersion: voucher.programVersion, applicantKind: voucher.applicantKind, useBy: voucher.useBy, redeemBy: voucher.redeemBy, applicationId: app.id, controllerGroupId: voucher.controllerGroupId } });
    this.notify(tx, app, `创新券已发放：${program.name}`, `券号 ${voucher.number}，面额 ${voucher.faceValueFen} 分，使用截止 ${voucher.useBy}`, {
      variant: 'programme_issued', ...programmeNames(program), voucherNumber: voucher.number, faceValueFen: voucher.faceValueFen, useBy: voucher.useBy,
    });
  }

  async onRejected(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void> {
    const app = await this.load(tx, ref.subjectId, true);
    if (APPLICATION_STATES.can(app.status, 'reject')) await this.applications.setStatus(tx, app, 'rejected', reason);
  }

  async onReturned(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void> {
    const app = await this.load(tx, ref.subjectId, true);
    if (APPLICATION_STATES.can(app.status, 'return')) await this.applications.setStatus(tx, app, 'returned', reason);
  }

  async onWithdrawn(tx: Transaction, ref: CaseRef): Promise<void> {
    const app = await this.load(tx, ref.subjectId, true);
    if (APPLICATION_STATES.can(app.status, 'withdraw')) await this.applications.setStatus(tx, app, 'withdrawn', null);
  }

  async onResubmitted(tx: Transaction, ref: CaseRef): Promise<void> {
    const app = await this.load(tx, ref.subjectId, true);
    if (APPLICATION_STATES.can(app.status, 'submit')) await this.applications.setStatus(tx, app, 'submitted', null);
  }

  /**
   * The outcome's notice (its words: packages/shared/notification-messages.ts). Notices name the programme since
   * 2026-12-07 (variants programme_issued and programme_not_issued); those stored before keep the variants issued and
   * not_issued, whose words name none, so no stored notice shows a placeholder.
   */
  private notify(tx: Transaction, app: VoucherApplication, title: string, body: string, params: NotificationParams): void {
    tx.enqueue(JobName.DeliverNotification, { userIds: [app.applicantUserId], kind: 'voucher_application.outcome', title, body, subjectType: 'voucher_application', subjectId: app.id, dedupKey: `voucher_application.outcome:${app.id}:${app.status}`, params: { applicationNumber: app.number, ...params } });
  }

  /**
   * The application, read once per transaction: a job that runs the pre-check and enters the review stage reads it
   * three times (each stage entered, and the pre-check). A read under lock serves every later read of the transaction;
   * one without serves later reads without lock. What this class writes to the application within the transaction
   * (setStatus) changes the object it hands out too, and nothing else writes to it before the transaction's last read.
   */
  private async load(tx: Transaction, id: string, lock = false): Promise<VoucherApplication> {
    const seen = this.read.get(tx)?.get(id);
    if (seen && (seen.locked || !lock)) return seen.app;
    const app = await tx.manager.getRepository(VoucherApplication).findOne({ where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!app) throw DomainError.notFound('Application');
    const memo = this.read.get(tx) ?? new Map<string, { app: VoucherApplication; locked: boolean }>();
    this.read.set(tx, memo.set(id, { app, locked: lock }));
    return app;
  }
}

/** A programme's name in a notice's params: the Chinese name, and the English one for English readers when it has one. */
function programmeNames(program: { name: string; nameEn: string | null }): NotificationParams {
  return { programName: program.name, ...(program.nameEn ? { programNameEn: program.nameEn } : {}) };
}
