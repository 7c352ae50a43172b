import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { ACCOUNT_MAIL, AccountMail } from '../../platform/auth/account-mail.port';
import { AccountsService } from '../../platform/auth/accounts.service';
import { sha256 } from '../../platform/auth/token.service';
import { Actor, Role } from '../../platform/context/actor';
import { Transaction, UnitOfWork } from '../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../platform/errors/domain-error';
import { describeConstraint } from '../../platform/errors/pg-errors';
import { JobName } from '../../platform/queue/queue.registry';
import { AcceptInvitationDto, RegisterDto } from './dto/register.dto';
import { CreateInvitationDto, InvitationDto, RegisteredUserDto, RegistrationResultDto } from './dto/organization.dto';
import { Organization } from './organization.entity';
import { auditView, toOrganizationDto } from './organization.mapper';
import { OrganizationPolicy, rolesFor } from './organization.policy';
import { ProviderAdmissionSubject } from './provider-admission.subject';
import { RegionsService } from './regions.service';
import { InnovationTeamsService } from './teams/innovation-teams.service';
import { UserAccounts } from './users/user-accounts';

const USCC_TAKEN = 'An organisation with this USCC is already registered';
describeConstraint('organizations_uscc_key', ErrorCode.AlreadyExists, USCC_TAKEN, 'organization.uscc');

/** Innovation teams act as applicants, so their users are enterprise users (docs/domain.md, "Organisations"). */
const USER_ROLE_OF_KIND = { enterprise: Role.EnterpriseUser, provider: Role.ProviderUser, investor: Role.Investor, team: Role.EnterpriseUser } as const;
const INVITATION_TTL_DAYS = 7;

/** Self-service sign-up of an organisation with its first user, and invitations of further users. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly accounts: AccountsService,
    private readonly users: UserAccounts,
    private readonly regions: RegionsService,
    private readonly admission: ProviderAdmissionSubject,
    private readonly teams: InnovationTeamsService,
    @Inject(ACCOUNT_MAIL) private readonly accountMail: AccountMail,
  ) {}

  /**
   * Registration does not reveal whether an e-mail already has an account (docs/security.md,
   * "Registration"): for an existing e-mail nothing is created, the account's owner is told, and the
   * answer has the same status and shape as a real registration (its ids exist nowhere; acting needs
   * a sign-in anyway). Both paths hash the password first and run one small transaction.
   */
  async register(dto: RegisterDto): Promise<RegistrationResultDto> {
    const region = this.regions.require(dto.organization.regionCode, 'organization.regionCode');
    if (dto.kind !== 'provider' && (dto.organization.providerKind || dto.organization.accreditations)) {
      throw DomainError.invalid('organization.providerKind', 'only providers have a provider kind or accreditations');
    }
    if (dto.kind === 'team') {
      if (dto.organization.uscc !== undefined) throw DomainError.invalid('organization.uscc', 'must be absent for an innovation team (teams have no USCC)');
      if (region.kind !== 'district' && region.kind !== 'county') throw DomainError.invalid('organization.regionCode', 'an innovation team registers in a district or county, not a whole city');
    } else {
      if (dto.organization.uscc === undefined) throw DomainError.invalid('organization.uscc', 'is required for an enterprise, provider or investor');
      if (dto.team !== undefined) throw DomainError.invalid('team', 'only innovation teams (kind team) have a leader, members and a host');
    }
    const passwordHash = await this.accounts.hashPassword(dto.user.password);
    try {
      return await this.uow.run(async (tx) => {
        // Checked before the e-mail is looked at, so a known e-mail gets the same answer as a new one.
        await this.teams.requireHost(tx.manager, dto.team?.hostOrganizationId);
        const existing = await this.users.findByEmail(tx.manager, dto.user.email);
        if (existing) return this.answerForExistingEmail(tx, dto, existing);
        return this.create(tx, dto, passwordHash);
      });
    } catch (err) {
      // A parallel registration took the e-mail between our check and our insert: answer the same way.
      if (!isUniqueViolationOf(err, 'users_email_key')) throw err;
      return this.uow.run(async (tx) => {
        const existing = await this.users.findByEmail(tx.manager, dto.user.email);
        if (!existing) throw err;
        return this.answerForExistingEmail(tx, dto, existing);
      });
    }
  }

  private async answerForExistingEmail(
    tx: Transaction,
    dto: RegisterDto,
    existing: { id: string; organizationId: string },
  ): Promise<RegistrationResultDto> {
    // The USCC answer is about a public register number, so it stays the same as for a new e-mail.
    const [taken] = dto.organization.uscc ? ((await tx.manager.query(`SELECT 1 FROM organizations WHERE uscc = $1`, [dto.organization.uscc])) as unknown[]) : [];
    if (taken) throw new DomainError(ErrorCode.AlreadyExists, USCC_TAKEN, [{ field: 'organization.uscc', message: USCC_TAKEN }]);
    tx.audit({
      action: 'registration.existing_email',
      subjectType: 'user',
      subjectId: existing.id,
      organizationId: existing.organizationId,
      after: { attemptedOrganizationName: dto.organization.name.trim(), attemptedUscc: dto.organization.uscc ?? null, attemptedKind: dto.kind },
    });
    tx.enqueue(JobName.DeliverNotification, {
      userIds: [existing.id],
      kind: 'account.registration_attempt',
      title: '有人尝试用您的邮箱注册新机构',
      body: `有人尝试以您的邮箱注册机构“${dto.organization.name.trim()}”，未创建任何账号。如非本人操作，请忽略；如忘记密码，请联系平台管理员重置。`,
      subjectType: 'user',
      subjectId: existing.id,
      dedupKey: `registration.existing_email:${existing.id}:${randomUUID()}`,
      params: { organizationName: dto.organization.name.trim() },
    });
    const now = new Date().toISOString();
    return {
      organization: {
        id: randomUUID(),
        ...newOrganization(dto),
        agencyLevel: null,
        controllerGroupId: null,
        publicNoticeEndsAt: null,
        qualifications: [],
        version: 1,
        createdAt: now,
      },
      user: {
        id: randomUUID(),
        email: dto.user.email.trim().toLowerCase(),
        displayName: dto.user.displayName,
        role: USER_ROLE_OF_KIND[dto.kind],
        isOrgAdmin: true,
      },
    };
  }

  private async create(tx: Transaction, dto: RegisterDto, passwordHash: string): Promise<RegistrationResultDto> {
    const org = await tx.manager.getRepository(Organization).save(
      tx.manager.getRepository(Organization).create({
        ...newOrganization(dto),
        // A team's contact is its leader.
        contactName: dto.team?.leader.name.trim() ?? dto.organization.contactName ?? null,
        contactPhone: dto.team?.leader.phone.trim() ?? dto.organization.contactPhone ?? null,
      }),
    );
    const saved = await tx.manager.getRepository(Organization).findOneByOrFail({ id: org.id });
    const user = await this.users.insert(tx.manager, {
      organizationId: saved.id,
      email: dto.user.email,
      displayName: dto.user.displayName,
      role: USER_ROLE_OF_KIND[dto.kind],
      isOrgAdmin: true,
      passwordHash,
    });
    tx.audit({
      action: 'organization.registered',
      subjectType: 'organization',
      subjectId: saved.id,
      organizationId: saved.id,
      regionCode: saved.regionCode,
      after: { ...auditView(saved), firstUserId: user.id, ...(dto.team ? { teamMembers: dto.team.members.length } : {}) },
      actor: { userId: user.id, role: user.role, organizationId: saved.id },
    });
    tx.enqueue(JobName.DeliverNotification, {
      userIds: [user.id],
      kind: 'organization.registered',
      title: '欢迎使用长三角科技创新服务平台',
      body: `${saved.name} 已完成注册。${dto.kind === 'provider' ? '服务机构入驻申请已提交，等待审核。' : ''}`,
      subjectType: 'organization',
      subjectId: saved.id,
      dedupKey: `organization.registered:${saved.id}`,
      params: { organizationName: saved.name, ...(dto.kind === 'provider' ? { variant: 'provider' } : {}) },
    });
    // Admission runs through the provider_admission workflow (review → public notice → active).
    if (dto.kind === 'provider') await this.admission.open(tx, saved.id);
    if (dto.team) await this.teams.createRoster(tx, saved.id, user.id, dto.team);
    return { organization: toOrganizationDto(saved), user: toUserDto(user) };
  }

  async invite(actor: Actor, organizationId: string, dto: CreateInvitationDto): Promise<InvitationDto> {
    return this.uow.run(async (tx) => {
      const org = await tx.manager.getRepository(Organization).findOneBy({ id: organizationId });
      if (!org || !OrganizationPolicy.canRead(actor, org)) throw DomainError.notFound('Organisation');
      if (!OrganizationPolicy.canManage(actor, org)) throw DomainError.forbidden('Only this organisation’s admins may invite users');
      const allowed = rolesFor(org);
      const role = dto.role ?? allowed[0];
      if (!role || !allowed.includes(role)) {
        throw DomainError.invalid('role', `must be one of ${allowed.join(', ')} for this organisation`);
      }
      const token = randomBytes(24).toString('base64url');
      const [row] = (await tx.manager.query(
        `INSERT INTO invitations (organization_id, email, role, is_org_admin, invited_by, token_hash, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7)) RETURNING id, expires_at`,
        [org.id, dto.email.trim().toLowerCase(), role, dto.isOrgAdmin ?? false, actor.userId, sha256(token), INVITATION_TTL_DAYS],
      )) as { id: string; expires_at: Date }[];
      tx.audit({
        action: 'user.invited',
        subjectType: 'invitation',
        subjectId: row.id,
        organizationId: org.id,
        regionCode: org.regionCode,
        after: { email: dto.email.trim().toLowerCase(), role, isOrgAdmin: dto.isOrgAdmin ?? false },
      });
      // The invitee hears of it by e-mail, with the accept link (docs/domain.md, "Messages that reach people").
      const mail = await this.accountMail.invitation(tx.manager, {
        invitationId: row.id, email: dto.email.trim().toLowerCase(), organizationName: org.name, role, token, expiresAt: row.expires_at, invitedBy: actor.userId,
      });
      for (const m of mail) tx.enqueue(m.name, m.payload);
      return { id: row.id, organizationId: org.id, email: dto.email.trim().toLowerCase(), role, expiresAt: row.expires_at.toISOString(), token };
    });
  }

  async acceptInvitation(dto: AcceptInvitationDto): Promise<RegisteredUserDto> {
    const passwordHash = await this.accounts.hashPassword(dto.password);
    return this.uow.run(async (tx) => {
      const [invitation] = (await tx.manager.query(
        `SELECT i.id, i.organization_id, i.email, i.role, i.is_org_admin, i.expires_at, i.accepted_at, o.region_code
           FROM invitations i JOIN organizations o ON o.id = i.organization_id
          WHERE i.token_hash = $1 FOR UPDATE OF i`,
        [sha256(dto.token)],
      )) as { id: string; organization_id: string; email: string; role: Role; is_org_admin: boolean; expires_at: Date; accepted_at: Date | null; region_code: string }[];
      if (!invitation) throw DomainError.notFound('Invitation');
      if (invitation.accepted_at) throw new DomainError(ErrorCode.IllegalTransition, 'This invitation was already accepted');
      if (invitation.expires_at < new Date()) throw new DomainError(ErrorCode.IllegalTransition, 'This invitation has expired');
      const user = await this.users.insert(tx.manager, {
        organizationId: invitation.organization_id,
        email: invitation.email,
        displayName: dto.displayName,
        role: invitation.role,
        isOrgAdmin: invitation.is_org_admin,
        passwordHash,
      });
      await tx.manager.query(`UPDATE invitations SET accepted_at = now(), accepted_user_id = $2 WHERE id = $1`, [invitation.id, user.id]);
      tx.audit({
        action: 'user.joined',
        subjectType: 'user',
        subjectId: user.id,
        organizationId: invitation.organization_id,
        regionCode: invitation.region_code,
        after: { email: user.email, role: user.role, invitationId: invitation.id },
        actor: { userId: user.id, role: user.role, organizationId: invitation.organization_id },
      });
      return toUserDto(user);
    });
  }
}

function toUserDto(user: RegisteredUserDto): RegisteredUserDto {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role, isOrgAdmin: user.isOrgAdmin };
}

function isUniqueViolationOf(err: unknown, constraint: string): boolean {
  const driver = (err instanceof QueryFailedError ? err.driverError : err) as { code?: string; constraint?: string } | undefined;
  return driver?.code === '23505' && driver.constraint === constraint;
}

/** What a registration records of the organisation; the answer for an existing e-mail shows the same. */
function newOrganization(dto: RegisterDto) {
  return {
    kind: dto.kind,
    name: dto.organization.name.trim(),
    uscc: dto.organization.uscc ?? null,
    regionCode: dto.organization.regionCode,
    hostOrganizationId: dto.team?.hostOrganizationId ?? null,
    status: 'active' as const,
    admissionStatus: dto.kind === 'provider' ? ('applied' as const) : null,
    providerKind: dto.kind === 'provider' ? (dto.organization.providerKind ?? 'third_party_lab') : null,
    accreditations: dto.organization.accreditations ?? [],
  };
}
