import { Injectable } from '@nestjs/common';
import { Actor } from '../../platform/context/actor';
import { DomainError } from '../../platform/errors/domain-error';
import { ServiceForOrder } from '../catalog/catalog.service';
import { Recognition, RecognitionService } from '../catalog/recognition.service';
import { computeSubsidy, formatRatioBp, noTierReason, ProgramPolicy, QualificationSpan, selectTier, smallestPayableAmountFen, SubsidyResult } from '../programs/subsidy';
import { Voucher } from '../vouchers/voucher.entities';
import { CreateOrderDto } from './dto/order.dto';
import { OrderReferences } from './order-references';

/** A voucher as ordering reads it in one statement: its row, its available balance and its holder's qualifications. */
export interface VoucherForOrder extends Pick<Voucher, 'id' | 'enterpriseId' | 'programId' | 'programVersion' | 'applicantKind' | 'status' | 'useBy'> {
  availableFen: number;
  qualifications: QualificationSpan[];
  /** qualifications_stamp() in the same read. */
  qualificationsStamp: string;
}

/** What ordering a service with a voucher comes to on a day: the amounts an order is created with. */
export interface OrderPricing {
  issuingRegionCode: string;
  /** The policy version the voucher was issued under: its tiers and threshold price the order. */
  policy: ProgramPolicy;
  service: ServiceForOrder;
  /** The provider lies in the issuing region; otherwise `recognition` admitted it (互认). */
  local: boolean;
  recognition: Recognition | null;
  contractAmountFen: number;
  ratioBp: number;
  subsidy: SubsidyResult;
  voucherAvailableFen: number;
  /**
   * The stamps of what the price was computed from, in the order service_order_prepare() checks them:
   * service, policy version, qualifications, recognition (null for a local provider).
   */
  stamps: (string | null)[];
}

/**
 * The one computation behind ordering (POST /service-orders) and quoting (POST
 * /service-orders/quote): the same checks, in the same order, with the same refusals, so a quote
 * can never promise what ordering would refuse. It writes nothing. Reference data comes through
 * OrderReferences (cached, stamped); the voucher, its balance and the qualifications are the
 * caller's read; ordering re-checks all of it in the statement that places the order (service_order_prepare(); the balance
 * in service_order_hold()).
 */
@Injectable()
export class OrderPricingService {
  constructor(
    private readonly references: OrderReferences,
    private readonly recognition: RecognitionService,
  ) {}

  /** `service`: the caller's read of dto.serviceId through OrderReferences, if it made one (not read again). */
  async price(actor: Actor, voucher: VoucherForOrder, dto: CreateOrderDto, today: string, fresh = false, service?: ServiceForOrder | null): Promise<OrderPricing> {
    if (voucher.enterpriseId !== actor.organizationId) throw DomainError.notFound('Voucher');
    if (voucher.status !== 'active') throw DomainError.rule(`The voucher is ${voucher.status}`, { voucherStatus: voucher.status });
    if (today > voucher.useBy) throw DomainError.rule(`The voucher's use-by date ${voucher.useBy} has passed`);
    const { issuingRegionCode, policy, stamp: policyStamp } = await this.references.policy(voucher.programId, voucher.programVersion, fresh);
    service = service === undefined ? await this.references.service(dto.serviceId, fresh) : service;
    if (!service || service.status !== 'active') throw DomainError.notFound('Service');
    if (service.providerAdmissionStatus !== 'active') throw DomainError.rule('The provider is not active on the platform', { admissionStatus: service.providerAdmissionStatus });
    const local = this.recognition.isLocal(issuingRegionCode, service.providerRegionCode);
    const recognition = local ? null : await this.references.findRecognition(issuingRegionCode, service.providerId, service.id, today, fresh);
    if (!local && !recognition) throw DomainError.rule('The provider is neither local nor recognised for this programme today (互认)', { providerRegionCode: service.providerRegionCode });
    const contractAmountFen = service.unitPriceFen * dto.quantity;
    if (!Number.isSafeInteger(contractAmountFen) || contractAmountFen > 1_000_000_000_000) throw DomainError.invalid('quantity', 'the contract amount is too large');
    const tier = selectTier(policy.tiers, voucher.applicantKind, voucher.qualifications, today);
    if (!tier && recognition?.ratioOverrideBp == null) throw DomainError.rule(`Not eligible on ${today}: ${noTierReason(policy.tiers, voucher.applicantKind)}`, { programVersion: voucher.programVersion });
    const ratioBp = recognition?.ratioOverrideBp ?? tier!.ratioBp;
    const availableFen = voucher.availableFen;
    const subsidy = computeSubsidy({
      amountFen: contractAmountFen,
      ratioBp,
      fullCoverage: policy.fullCoverage,
      remainingVoucherFen: availableFen,
      caps: [{ name: 'agreement_per_order_cap', fen: recognition?.perOrderCapFen ?? null }],
    });
    if (subsidy.subsidyFen === 0) throw zeroSubsidy(contractAmountFen, ratioBp, subsidy.limitedBy, availableFen);
    const stamps = [service.stamp, policyStamp, voucher.qualificationsStamp, recognition?.stamp ?? null];
    return { issuingRegionCode, policy, service, local, recognition, contractAmountFen, ratioBp, subsidy, voucherAvailableFen: availableFen, stamps };
  }
}

/**
 * Why an order's subsidy would be 0 fen, in words and numbers (422): the voucher is empty, an
 * agreement caps orders at 0, or — the case people hit — ratio × amount rounds down to 0 fen
 * (docs/domain.md, "Programmes and money"). Nothing could be claimed for such an order, so none is made.
 */
function zeroSubsidy(contractAmountFen: number, ratioBp: number, limitedBy: string, availableFen: number): DomainError {
  if (limitedBy === 'voucher_balance') return DomainError.rule('The voucher has nothing left to subsidise this order', { availableFen });
  const numbers = { field: 'contractAmountFen', contractAmountFen, ratioBp, subsidyFen: 0 };
  if (limitedBy === 'agreement_per_order_cap') {
    return DomainError.rule('subsidy would be 0 fen: the recognition agreement caps the subsidy of each order at 0 fen', { ...numbers, perOrderCapFen: 0 });
  }
  const smallest = smallestPayableAmountFen(ratioBp);
  if (limitedBy === 'ratio' && smallest === null) {
    return DomainError.rule(`subsidy would be 0 fen: the ratio for this order is ${formatRatioBp(ratioBp)}, which pays nothing at any amount`, numbers);
  }
  if (limitedBy === 'ratio') {
    return DomainError.rule(
      `subsidy would be 0 fen: the order of ${contractAmountFen} fen at ${formatRatioBp(ratioBp)} is below the smallest payable amount (${smallest} fen)`,
      { ...numbers, smallestPayableFen: smallest },
    );
  }
  return DomainError.rule(`subsidy would be 0 fen: the order amounts to ${contractAmountFen} fen`, numbers);
}
