import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../platform/config/app-config';
import { Actor, isPlatformAdmin, Role } from '../../platform/context/actor';
import { formatFen } from '../../../packages/shared/money';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../platform/errors/domain-error';
import { FourEyesErrors } from './four-eyes.errors';
import { describeConstraint } from '../../platform/errors/pg-errors';
import { JobName } from '../../platform/queue/queue.registry';
import { OrganizationDirectory } from '../organizations/organization-directory';
import { FourEyesQueryDto, FourEyesRequestDto } from './dto/four-eyes.dto';
import { FOUR_EYES_STATES, FourEyesKind, FourEyesStatus } from './four-eyes.state';

const SELF_CONFIRM = 'The person who requested this cannot confirm it; a second authorised person of the paying region confirms';
describeConstraint('four_eyes_requests_second_person', FourEyesErrors.SECOND_PERSON_REQUIRED, SELF_CONFIRM);
describeConstraint('four_eyes_requests_one_pending', ErrorCode.Conflict, 'A request for this is already waiting for a second person');

/** A stored request, as effects see it. */
export interface FourEyesRequest {
  id: string;
  kind: FourEyesKind;
  subjectId: string;
  subjectNumber: string;
  programId: string;
  regionCode: string;
  deciderRoles: Role[];
  amountFen: number;
  reason: string;
  status: FourEyesStatus;
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  version: number;
}

/** What the confirming person's transaction runs: the money movement the request stood for. */
export type FourEyesEffect = (tx: Transaction, request: FourEyesRequest, confirmer: Actor) => Promise<void>;

export interface OpenFourEyesRequest {
  kind: FourEyesKind;
  subjectId: string;
  subjectNumber: string;
  programId: string;
  /** The paying (issuing) region: only its bureau users confirm. */
  regionCode: string;
  deciderRoles: Role[];
  amountFen: number;
  reason: string;
}

interface Row {
  id: string;
  kind: FourEyesKind;
  subject_id: string;
  subject_number: string;
  program_id: string;
  region_code: string;
  decider_roles: Role[];
  amount_fen: string;
  reason: string;
  status: FourEyesStatus;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  version: number;
}

/**
 * Four eyes on money (docs/security.md, "Four eyes on money"): above FOUR_EYES_THRESHOLD_FEN a
 * voucher revocation or a claim claw-back is only requested by the first person; a second
 * authorised person of the paying region confirms it, and only then does the money move, in the
 * confirming transaction with its ledger entries, audit and outbox rows. The owning modules
 * register the effect of each kind, so this module depends on none of them.
 */
@Injectable()
export class FourEyesService {
  private readonly effects = new Map<FourEyesKind, FourEyesEffect>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly config: AppConfig,
    private readonly directory: OrganizationDirectory,
  ) {}

  register(kind: FourEyesKind, effect: FourEyesEffect): void {
    if (this.effects.has(kind)) throw new Error(`Two four-eyes effects for "${kind}"`);
    this.effects.set(kind, effect);
  }

  /** Strictly above the threshold a second person is needed; at or below it the action stays one step. */
  needsSecondPerson(amountFen: number): boolean {
    return amountFen > this.config.FOUR_EYES_THRESHOLD_FEN;
  }

  /** Records the first person's action as pending, in the caller's transaction (the subject is locked there). */
  async open(tx: Transaction, actor: Actor, input: OpenFourEyesRequest): Promise<FourEyesRequestDto> {
    const pending = (await tx.manager.query(`SELECT id FROM four_eyes_requests WHERE kind = $1 AND subject_id = $2 AND status = 'pending'`, [input.kind, input.subjectId])) as { id: string }[];
    if (pending.length) throw DomainError.conflict('A request for this is already waiting for a second person', { requestId: pending[0].id });
    const [row] = (await tx.manager.query(
      `INSERT INTO four_eyes_requests (kind, subject_id, subject_number, program_id, region_code, decider_roles, amount_fen, reason, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [input.kind, input.subjectId, input.subjectNumber, input.programId, input.regionCode, input.deciderRoles, input.amountFen, input.reason, actor.userId],
    )) as Row[];
    const request = fromRow(row);
    tx.audit({ action: 'four_eyes_request.opened', subjectType: 'four_eyes_request', subjectId: request.id, after: { kind: request.kind, subjectId: request.subjectId, amountFen: request.amountFen, reason: request.reason } });
    const deciders = await this.directory.activeUserIdsWithRole(tx.manager, request.deciderRoles, request.regionCode, actor.userId);
    if (deciders.length) {
      tx.enqueue(JobName.DeliverNotification, {
        userIds: deciders,
        kind: 'four_eyes_request.opened',
        title: `待确认：${describe(request)}`,
        body: `${request.subjectNumber}，金额 ${formatFen(request.amountFen)}，理由：${request.reason}。需要第二人确认后生效。`,
        subjectType: 'four_eyes_request',
        subjectId: request.id,
        dedupKey: `four_eyes_request.opened:${request.id}`,
        params: { requestKind: request.kind, subjectNumber: request.subjectNumber, amountFen: request.amountFen, reason: request.reason },
      });
    }
    return (await this.toDtos(tx.manager, [request]))[0];
  }

  /** The second person confirms: the money moves now, once, however many confirm at the same time. */
  async confirm(actor: Actor, id: string, note: string | null): Promise<FourEyesRequestDto> {
    return this.uow.run(async (tx) => {
      const request = await this.lockVisible(tx.manager, actor, id);
      if (!this.mayDecide(actor, request)) throw DomainError.forbidden(`Only ${request.deciderRoles.join(' or ')} users of the paying region confirm this request`);
      const status = FOUR_EYES_STATES.next(request.status, 'confirm');
      if (request.requestedBy === actor.userId) throw new DomainError(FourEyesErrors.SECOND_PERSON_REQUIRED, SELF_CONFIRM, { requestedBy: request.requestedBy });
      const effect = this.effects.get(request.kind);
      if (!effect) throw new Error(`No four-eyes effect for "${request.kind}"`);
      await effect(tx, request, actor);
      return this.decide(tx, actor, request, status, note);
    });
  }

  /** The requester, or anyone who could confirm, withdraws the request; nothing moves. */
  async cancel(actor: Actor, id: string, note: string | null): Promise<FourEyesRequestDto> {
    return this.uow.run(async (tx) => {
      const request = await this.lockVisible(tx.manager, actor, id);
      if (request.requestedBy !== actor.userId && !this.mayDecide(actor, request) && !isPlatformAdmin(actor)) {
        throw DomainError.forbidden('Only the requester or a person who could confirm it cancels this request');
      }
      const status = FOUR_EYES_STATES.next(request.status, 'cancel');
      return this.decide(tx, actor, request, status, note);
    });
  }

  async list(actor: Actor, query: FourEyesQueryDto): Promise<FourEyesRequestDto[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!isPlatformAdmin(actor)) {
      params.push(actor.regionCode);
      where.push(`region_code = $${params.length}`);
    }
    if (query.status) {
      params.push(query.status);
      where.push(`status = $${params.length}`);
    }
    if (query.kind) {
      params.push(query.kind);
      where.push(`kind = $${params.length}`);
    }
    const rows = (await this.dataSource.query(
      `SELECT * FROM four_eyes_requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY requested_at DESC LIMIT 200`,
      params,
    )) as Row[];
    return this.toDtos(this.dataSource.manager, rows.map(fromRow));
  }

  async get(actor: Actor, id: string): Promise<FourEyesRequestDto> {
    return (await this.toDtos(this.dataSource.manager, [await this.lockVisible(this.dataSource.manager, actor, id, false)]))[0];
  }

  /** The pending request for a subject, if any (shown beside a voucher or claim). */
  async pendingFor(manager: EntityManager, kind: FourEyesKind, subjectId: string): Promise<FourEyesRequestDto | null> {
    const rows = (await manager.query(`SELECT * FROM four_eyes_requests WHERE kind = $1 AND subject_id = $2 AND status = 'pending'`, [kind, subjectId])) as Row[];
    return rows.length ? (await this.toDtos(manager, rows.map(fromRow)))[0] : null;
  }

  /** Bureau users of the paying region with one of the decider roles; the platform operators are not a second person. */
  private mayDecide(actor: Actor, request: FourEyesRequest): boolean {
    return actor.regionCode === request.regionCode && request.deciderRoles.includes(actor.role);
  }

  private async decide(tx: Transaction, actor: Actor, request: FourEyesRequest, status: FourEyesStatus, note: string | null): Promise<FourEyesRequestDto> {
    // An UPDATE … RETURNING answers [rows, rowCount] through TypeORM's PostgreSQL driver.
    const [rows] = (await tx.manager.query(
      `UPDATE four_eyes_requests SET status = $2, decided_by = $3, decided_at = now(), decision_note = $4, version = version + 1 WHERE id = $1 RETURNING *`,
      [request.id, status, actor.userId, note],
    )) as [Row[], number];
    const after = fromRow(rows[0]);
    tx.audit({ action: `four_eyes_request.${status}`, subjectType: 'four_eyes_request', subjectId: request.id, before: { status: request.status }, after: { status, kind: request.kind, subjectId: request.subjectId, note } });
    if (request.requestedBy !== actor.userId) {
      tx.enqueue(JobName.DeliverNotification, {
        userIds: [request.requestedBy],
        kind: status === 'confirmed' ? 'four_eyes_request.confirmed' : 'four_eyes_request.cancelled',
        title: `${status === 'confirmed' ? '已确认' : '已撤销'}：${describe(request)}`,
        body: `${request.subjectNumber}${note ? `，说明：${note}` : ''}`,
        subjectType: 'four_eyes_request',
        subjectId: request.id,
        dedupKey: `four_eyes_request.${status}:${request.id}`,
        params: { requestKind: request.kind, subjectNumber: request.subjectNumber, note, ...(note ? { variant: 'note' } : {}) },
      });
    }
    return (await this.toDtos(tx.manager, [after]))[0];
  }

  private async lockVisible(manager: EntityManager, actor: Actor, id: string, lock = true): Promise<FourEyesRequest> {
    const [row] = (await manager.query(`SELECT * FROM four_eyes_requests WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as Row[];
    if (!row || (!isPlatformAdmin(actor) && row.region_code !== actor.regionCode)) throw DomainError.notFound('Four-eyes request');
    return fromRow(row);
  }

  private async toDtos(manager: EntityManager, requests: FourEyesRequest[]): Promise<FourEyesRequestDto[]> {
    const ids = [...new Set(requests.flatMap((r) => [r.requestedBy, r.decidedBy]).filter((x): x is string => !!x))];
    const names = ids.length ? await this.directory.userDisplayNames(manager, ids) : new Map<string, string>();
    return requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      subjectId: r.subjectId,
      subjectNumber: r.subjectNumber,
      programId: r.programId,
      regionCode: r.regionCode,
      deciderRoles: r.deciderRoles,
      amountFen: r.amountFen,
      reason: r.reason,
      status: r.status,
      requestedBy: { id: r.requestedBy, displayName: names.get(r.requestedBy) ?? '' },
      requestedAt: r.requestedAt.toISOString(),
      decidedBy: r.decidedBy ? { id: r.decidedBy, displayName: names.get(r.decidedBy) ?? '' } : null,
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      decisionNote: r.decisionNote,
      version: r.version,
    }));
  }
}

function describe(r: FourEyesRequest): string {
  return r.kind === 'voucher_revocation' ? `撤销创新券 ${r.subjectNumber}` : `追回兑付款 ${r.subjectNumber}`;
}

function fromRow(r: Row): FourEyesRequest {
  return {
    id: r.id,
    kind: r.kind,
    subjectId: r.subject_id,
    subjectNumber: r.subject_number,
    programId: r.program_id,
    regionCode: r.region_code,
    deciderRoles: r.decider_roles,
    amountFen: Number(r.amount_fen),
    reason: r.reason,
    status: r.status,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    version: r.version,
  };
}
