import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, isPlatformAdmin, Role } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError } from '../../../platform/errors/domain-error';
import { JobName } from '../../../platform/queue/queue.registry';
import { isCity, RegionsService } from '../../organizations/regions.service';
import { AcceptSessionRequestDto, CreateSessionRequestDto, SessionRequestDto } from './dto/session.dto';
import { RoadshowSession, SessionRequest } from '../shared/roadshow.entities';
import { toSessionRequestDto } from './session.mapper';
import { SESSION_REQUEST_STATES } from '../shared/roadshow.state';

/**
 * Custom roadshow requests (定制路演申请) from enterprises, investors and parks (园区: the platform
 * has no park role, so agency users file on a park's behalf). The roadshow centre accepts a
 * request into a session or declines it; the requester is told either way.
 */
@Injectable()
export class SessionRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly regions: RegionsService,
  ) {}

  async create(actor: Actor, dto: CreateSessionRequestDto): Promise<SessionRequestDto> {
    const region = this.regions.require(dto.hostCityCode, 'hostCityCode');
    if (!isCity(region) && !region.isG60) throw DomainError.invalid('hostCityCode', `${dto.hostCityCode} is not a city`);
    const preferredStart = new Date(dto.preferredStart);
    const preferredEnd = new Date(dto.preferredEnd);
    if (!(preferredStart < preferredEnd)) throw DomainError.invalid('preferredEnd', 'must be after preferredStart');
    const kind = actor.role === Role.EnterpriseUser ? 'enterprise' : actor.role === Role.Investor ? 'investor' : 'park';
    return this.uow.run(async (tx) => {
      const repo = tx.manager.getRepository(SessionRequest);
      const saved = await repo.save(
        repo.create({
          requesterOrgId: actor.organizationId,
          requesterUserId: actor.userId,
          requesterKind: kind,
          title: dto.title.trim(),
          industries: [...new Set(dto.industries)].sort(),
          hostCityCode: dto.hostCityCode,
          preferredStart,
          preferredEnd,
          expectedAudience: dto.expectedAudience,
          note: dto.note?.trim() ?? null,
          status: 'pending',
        }),
      );
      const request = await repo.findOneByOrFail({ id: saved.id });
      tx.audit({ action: 'roadshow_session_request.created', subjectType: 'roadshow_session_request', subjectId: request.id, organizationId: actor.organizationId, after: toSessionRequestDto(request) });
      return toSessionRequestDto(request);
    });
  }

  async list(actor: Actor): Promise<SessionRequestDto[]> {
    const rows = await this.dataSource.getRepository(SessionRequest).find({
      where: isPlatformAdmin(actor) ? {} : { requesterOrgId: actor.organizationId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: 200,
    });
    return rows.map(toSessionRequestDto);
  }

  async accept(actor: Actor, id: string, dto: AcceptSessionRequestDto): Promise<SessionRequestDto> {
    return this.decide(actor, id, 'accept', dto.note ?? null, dto.sessionId);
  }

  async decline(actor: Actor, id: string, reason: string): Promise<SessionRequestDto> {
    return this.decide(actor, id, 'decline', reason, null);
  }

  private async decide(actor: Actor, id: string, event: 'accept' | 'decline', note: string | null, sessionId: string | null): Promise<SessionRequestDto> {
    return this.uow.run(async (tx) => {
      const request = await tx.manager.getRepository(SessionRequest).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw DomainError.notFound('Session request');
      const status = SESSION_REQUEST_STATES.next(request.status, event);
      let session: RoadshowSession | null = null;
      if (sessionId) {
        session = await tx.manager.getRepository(RoadshowSession).findOneBy({ id: sessionId });
        if (!session) throw DomainError.invalid('sessionId', 'no such session');
        if (session.status === 'finished' || session.status === 'cancelled') throw DomainError.conflict(`The session is ${session.status}`);
        if (session.type !== 'custom') throw DomainError.rule('A custom request is accepted into a custom session');
      }
      await tx.manager.query(
        `UPDATE roadshow_session_requests SET status = $2, session_id = $3, decided_by = $4, decided_at = now(), decision_note = $5, version = version + 1 WHERE id = $1`,
        [id, status, sessionId, actor.userId, note],
      );
      const after = await tx.manager.getRepository(SessionRequest).findOneByOrFail({ id });
      tx.audit({ action: `roadshow_session_request.${status}`, subjectType: 'roadshow_session_request', subjectId: id, organizationId: request.requesterOrgId, before: { status: request.status }, after: { status, sessionId, note } });
      tx.enqueue(JobName.DeliverNotification, {
        userIds: [request.requesterUserId],
        kind: status === 'accepted' ? 'roadshow.session_request_accepted' : 'roadshow.session_request_declined',
        title: `定制路演申请${status === 'accepted' ? '已受理' : '未受理'}：${request.title}`,
        body: status === 'accepted' ? `已安排至场次「${session?.title}」。${note ?? ''}` : (note ?? ''),
        subjectType: 'roadshow_session_request',
        subjectId: id,
        dedupKey: `roadshow.session_request:${id}:${status}`,
        params: { requestTitle: request.title, sessionTitle: session?.title ?? null, note: note ?? null, ...(note ? { variant: 'note' } : {}) },
      });
      return toSessionRequestDto(after);
    });
  }
}
