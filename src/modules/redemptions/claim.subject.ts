import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '../../platform/database/shanghai-date';
import { Transaction } from '../../platform/database/unit-of-work';
import { DomainError } from '../../platform/errors/domain-error';
import { JobName } from '../../platform/queue/queue.registry';
import { findingReason } from '../../../packages/shared/finding-reasons';
import { ApprovalSubject, ApprovalSubjectHandler, CaseRef, codedFinding, Finding, SubjectDescription } from '../approvals/approval-subject';
import { RecognitionService } from '../catalog/recognition.service';
import { OrdersService } from '../orders/orders.service';
import { OrganizationDirectory, OrganizationParty } from '../organizations/organization-directory';
import { OrganizationsService } from '../organizations/organizations.service';
import { ProgramsService } from '../programs/programs.service';
import { selectTier } from '../programs/subsidy';
import { VouchersService } from '../vouchers/vouchers.service';
import { RedemptionClaim } from './claim.entity';
import { CLAIM_STATES } from './claim.state';
import { ClaimsService, REDEMPTION_CLAIM } from './claims.service';
import { storedCaseTitle } from '../../../packages/shared/case-title';

/**
 * A redemption claim as an approval subject: the pre-checks of docs/domain.md ("Pre-checks"), then review. Approval
 * captures the held subsidy into the payee's payable account and enrols the claim in the open
 * settlement batch of its cycle; rejection releases the hold.
 */
@Injectable()
@ApprovalSubjectHandler(REDEMPTION_CLAIM)
export class RedemptionClaimSubject implements ApprovalSubject {
  constructor(
    private readonly claims: ClaimsService,
    private readonly orders: OrdersService,
    private readonly vouchers: VouchersService,
    private readonly programs: ProgramsService,
    private readonly recognition: RecognitionService,
    private readonly organizations: OrganizationsService,
    private readonly directory: OrganizationDirectory,
  ) {}

  async describe(tx: Transaction, subjectId: string): Promise<SubjectDescription> {
    const claim = await this.load(tx, subjectId);
    const program = await this.programs.require(tx.manager, claim.programId);
    const { enterprise, provider } = await this.parties(tx, claim);
    return {
      ...storedCaseTitle(REDEMPTION_CLAIM, { number: claim.number, provider: provider.name, enterprise: enterprise.name }),
      applicantOrgId: claim.claimantOrgId,
      applicantUserId: claim.submittedBy,
      // District review is by the enterprise's district; city approval by the issuing city.
      regionCode: enterprise.region_code,
      cityCode: program.issuingRegionCode,
      amountFen: claim.amountFen,
      snapshot: { amountFen: claim.amountFen, contractNo: claim.contractNo, invoiceNo: claim.invoiceNo, paymentProof: claim.paymentProof, reportNo: claim.reportNo },
    };
  }

  /** docs/domain.md, "Pre-checks": eligibility and qualification, caps (incl. the group), related party, duplicate invoice, recognition, dates. */
  async precheck(tx: Transaction, subjectId: string): Promise<Finding[]> {
    const claim = await this.load(tx, subjectId);
    const order = await this.orders.lock(tx.manager, claim.orderId);
    const program = await this.programs.require(tx.manager, claim.programId);
    const { enterprise, provider } = await this.parties(tx, claim);
    const quals = await this.organizations.qualifications(tx.manager, enterprise.id);
    const voucher = await this.vouchers.lock(tx.manager, claim.voucherId);
    // The version the voucher was issued under decides its tiers and caps.
    const policy = await this.programs.policyOf(tx.manager, voucher.programId, voucher.programVersion);
    const tier = selectTier(policy.tiers, voucher.applicantKind, quals, order.orderedOn);
    const findings: Finding[] = [];

    findings.push(
      codedFinding('eligibility', enterprise.status !== 'active' ? 'fail' : tier === null || tier.qualifications.length === 0 ? 'warn' : 'pass', [
        enterprise.status !== 'active'
          ? findingReason('applicant_not_active', { who: voucher.applicantKind === 'team' ? 'team' : 'enterprise', status: enterprise.status })
          : tier === null
            ? findingReason('no_tier_on_order_date', { version: voucher.programVersion, orderedOn: order.orderedOn })
            : tier.qualifications.length === 0
              ? findingReason('no_qualification_on_order_date')
              : findingReason('tier_on_order_date', { tier: tier.code, tierName: tier.nameZh, tierNameEn: tier.nameEn ?? tier.nameZh, orderedOn: order.orderedOn }),
      ]),
    );

    const { heldFen } = await this.vouchers.balances(tx.manager, voucher);
    // Live claims of the programme whose order's enterprise is in the group (read models of orders and organizations).
    const groupUse = enterprise.controller_group_id
      ? ((await tx.manager.query(
          `SELECT COALESCE(sum(c.amount_fen), 0)::bigint AS used FROM redemption_claims c JOIN read_order_parties o ON o.order_id = c.order_id JOIN read_organizations e ON e.id = o.enterprise_id
            WHERE c.program_id = $1 AND e.controller_group_id = $2 AND c.status IN ('submitted', 'in_review', 'approved', 'paid', 'returned')`,
          [program.id, enterprise.controller_group_id],
        )) as { used: string }[])[0].used
      : '0';
    const capProblems = [
      heldFen < claim.amountFen ? findingReason('voucher_holds_less', { heldFen, amountFen: claim.amountFen }) : null,
      claim.amountFen > order.subsidyHeldFen ? findingReason('claim_exceeds_order_subsidy') : null,
      policy.annualCapGroupFen !== null && Number(groupUse) > policy.annualCapGroupFen ? findingReason('group_claims_over_cap', { usedFen: Number(groupUse), capFen: policy.annualCapGroupFen }) : null,
    ].filter((c) => c !== null);
    findings.push(codedFinding('caps', capProblems.length ? 'fail' : 'pass', capProblems));

    const sameGroup = !!enterprise.controller_group_id && enterprise.controller_group_id === provider.controller_group_id;
    const sameOrgCode = !!enterprise.uscc && !!provider.uscc && enterprise.uscc.slice(8, 17) === provider.uscc.slice(8, 17);
    // An innovation team buying from the organisation that hosts it (e.g. its incubating university).
    const hostedBy = enterprise.host_organization_id === provider.id;
    findings.push(
      codedFinding('related_party', sameGroup || sameOrgCode || hostedBy ? 'fail' : 'pass', [
        sameGroup ? findingReason('related_same_controller') : null,
        sameOrgCode ? findingReason('related_same_org_code') : null,
        hostedBy ? findingReason('related_host') : null,
      ]),
    );

    // The exact invoice number is unique in the database; this also catches the same digits typed differently.
    const digits = claim.invoiceNo.replace(/\D/g, '');
    const lookalikes = digits.length >= 6
      ? ((await tx.manager.query(`SELECT number FROM redemption_claims WHERE id <> $1 AND regexp_replace(invoice_no, '\\D', '', 'g') = $2`, [claim.id, digits])) as { number: string }[])
      : [];
    findings.push(codedFinding('duplicate_invoice', lookalikes.length ? 'fail' : 'pass', lookalikes.map((l) => findingReason('invoice_digits_match', { claim: l.number }))));

    const local = this.recognition.isLocal(program.issuingRegionCode, provider.region_code);
    const recognised = local || !!(await this.recognition.findRecognition(tx.manager, program.issuingRegionCode, provider.id, order.serviceId, order.orderedOn));
    findings.push(
      codedFinding('provider_recognised', provider.admission_status === 'active' && recognised ? 'pass' : 'fail', [
        provider.admission_status !== 'active' ? findingReason('provider_not_active', { status: String(provider.admission_status) }) : null,
        recognised ? null : findingReason('provider_not_recognised', { issuingRegionCode: program.issuingRegionCode, orderedOn: order.orderedOn }),
      ]),
    );

    const today = shanghaiDate();
    const dateProblems = [
      order.orderedOn > voucher.useBy ? findingReason('ordered_after_use_by', { orderedOn: order.orderedOn, useBy: voucher.useBy }) : null,
      order.deliveredOn && order.deliveredOn > program.redeemBy ? findingReason('delivered_after_redeem_by', { deliveredOn: order.deliveredOn, redeemBy: program.redeemBy }) : null,
      today > program.redeemBy ? findingReason('claimed_after_redeem_by', { redeemBy: program.redeemBy }) : null,
    ].filter((c) => c !== null);
    findings.push(codedFinding('dates', dateProblems.length ? 'fail' : 'pass', dateProblems));
    return findings;
  }

  async onStageEntered(tx: Transaction, ref: CaseRef): Promise<void> {
    const claim = await this.load(tx, ref.subjectId, true);
    if (CLAIM_STATES.can(claim.status, 'start_review')) await this.claims.setStatus(tx, claim, 'in_review', null);
  }

  /** Capture: voucher_held → payable(payee); then the claim joins its settlement batch (via the queue). */
  async onApproved(tx: Transaction, ref: CaseRef): Promise<void> {
    const claim = await this.load(tx, ref.subjectId, true);
    if (!CLAIM_STATES.can(claim.status, 'approve')) return;
    const voucher = await this.vouchers.lock(tx.manager, claim.voucherId);
    await this.vouchers.capture(tx, voucher, claim.amountFen, claim.id, claim.payeeOrgId);
    await this.claims.setStatus(tx, claim, 'approved', null);
    tx.enqueue(JobName.EnrolClaimInSettlement, { claimId: claim.id });
  }

  async onRejected(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void> {
    const claim = await this.load(tx, ref.subjectId, true);
    if (!CLAIM_STATES.can(claim.status, 'reject')) return;
    const order = await this.orders.lock(tx.manager, claim.orderId);
    await this.orders.applyClaimEvent(tx, order, 'reject', reason);
    await this.claims.setStatus(tx, claim, 'rejected', reason);
  }

  async onReturned(tx: Transaction, ref: CaseRef, reason: string | null): Promise<void> {
    const claim = await this.load(tx, ref.subjectId, true);
    if (CLAIM_STATES.can(claim.status, 'return')) await this.claims.setStatus(tx, claim, 'returned', reason);
  }

  async onResubmitted(tx: Transaction, ref: CaseRef): Promise<void> {
    const claim = await this.load(tx, ref.subjectId, true);
    if (CLAIM_STATES.can(claim.status, 'resubmit')) await this.claims.setStatus(tx, claim, 'submitted', null);
  }

  async onWithdrawn(tx: Transaction, ref: CaseRef): Promise<void> {
    const claim = await this.load(tx, ref.subjectId, true);
    if (!CLAIM_STATES.can(claim.status, 'withdraw')) return;
    const order = await this.orders.lock(tx.manager, claim.orderId);
    await this.orders.applyClaimEvent(tx, order, 'unclaim', 'claim withdrawn');
    // A withdrawn claim frees its order and invoice number (both unique among live claims only).
    await this.claims.setStatus(tx, claim, 'withdrawn', null);
  }

  /** The order's enterprise and provider (read_order_parties), with the statuses the pre-checks gate on (OrganizationDirectory). */
  private async parties(tx: Transaction, claim: RedemptionClaim): Promise<{ enterprise: OrganizationParty; provider: OrganizationParty }> {
    const rows = (await tx.manager.query(`SELECT enterprise_id, provider_id FROM read_order_parties WHERE order_id = $1`, [claim.orderId])) as {
      enterprise_id: string;
      provider_id: string;
    }[];
    const orgs = await this.directory.parties(tx.manager, [rows[0].enterprise_id, rows[0].provider_id]);
    const enterprise = orgs.find((o) => o.id === rows[0].enterprise_id) as OrganizationParty;
    const provider = orgs.find((o) => o.id === rows[0].provider_id) as OrganizationParty;
    return { enterprise, provider };
  }

  private async load(tx: Transaction, id: string, lock = false): Promise<RedemptionClaim> {
    const claim = await tx.manager.getRepository(RedemptionClaim).findOne({ where: { id }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!claim) throw DomainError.notFound('Claim');
    return claim;
  }
}
