import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Actor, isPlatformAdmin, Role } from '../../../platform/context/actor';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DomainError, ErrorCode } from '../../../platform/errors/domain-error';
import { JobName } from '../../../platform/queue/queue.registry';
import { OrganizationDirectory } from '../../organizations/organization-directory';
import { DeckInvitationDto, DeckInvitationResultDto, ProjectDto } from './dto/project.dto';
import { DeckStorage } from './deck-storage';
import { RoadshowProject } from '../shared/roadshow.entities';
import { toProjectDto } from './project.mapper';
import { VISIBLE_TO_INVESTORS } from '../shared/roadshow.state';

/** What multer hands over for one uploaded file (memory storage). */
export interface UploadedDeck {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** Accepted deck formats, recognised by their first bytes rather than the client's claim. */
const FORMATS = [
  { extension: 'pdf', contentType: 'application/pdf', magic: Buffer.from('%PDF-') },
  { extension: 'pptx', contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: Buffer.from([0x50, 0x4b, 0x03, 0x04]) },
];

export interface DeckDownload {
  stream: Readable;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/**
 * Pitch decks (路演材料). Confidential: the owning enterprise, platform admins and investors
 * invited to the project may read one. Anyone else gets 404, the same answer as for a project
 * that does not exist, so that a deck's existence is not disclosed either.
 */
@Injectable()
export class ProjectDecksService {
  private readonly logger = new Logger(ProjectDecksService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly storage: DeckStorage,
    private readonly directory: OrganizationDirectory,
  ) {}

  /**
   * The file is written first, under a fresh key, then the project points at it in one transaction.
   * A failed transaction removes the new file; a replaced file is removed after commit. A crash in
   * between leaves at worst an orphan file, never a project pointing at nothing.
   */
  async upload(actor: Actor, id: string, file: UploadedDeck | undefined): Promise<ProjectDto> {
    if (!file || !file.buffer?.length) throw DomainError.invalid('deck', 'attach the deck as multipart/form-data field "deck"');
    const format = FORMATS.find((f) => file.buffer.subarray(0, f.magic.length).equals(f.magic));
    if (!format) throw new DomainError(ErrorCode.UnsupportedMediaType, 'The deck must be a PDF or a PowerPoint (.pptx) file');
    const project = await this.dataSource.getRepository(RoadshowProject).findOneBy({ id });
    if (!project || project.enterpriseId !== actor.organizationId) throw DomainError.notFound('Project');
    const stored = await this.storage.put(project.id, format.extension, format.contentType, file.buffer);
    let replaced: string | null = null;
    try {
      const result = await this.uow.run(async (tx) => {
        const locked = await tx.manager.getRepository(RoadshowProject).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!locked) throw DomainError.notFound('Project');
        if (['rejected', 'withdrawn'].includes(locked.status)) throw DomainError.conflict(`A ${locked.status} project takes no new deck`);
        replaced = locked.deckKey;
        const fileName = sanitiseFileName(file.originalname, format.extension);
        await tx.manager.query(
          `UPDATE roadshow_projects SET deck_key = $2, deck_file_name = $3, deck_content_type = $4, deck_size_bytes = $5, deck_sha256 = $6,
                  deck_uploaded_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
          [id, stored.key, fileName, format.contentType, stored.sizeBytes, stored.sha256],
        );
        tx.audit({
          action: 'roadshow_project.deck_uploaded',
          subjectType: 'roadshow_project',
          subjectId: id,
          organizationId: locked.enterpriseId,
          before: locked.deckSha256 ? { sha256: locked.deckSha256, sizeBytes: locked.deckSizeBytes } : null,
          after: { fileName, sha256: stored.sha256, sizeBytes: stored.sizeBytes, contentType: format.contentType },
        });
        return toProjectDto(await tx.manager.getRepository(RoadshowProject).findOneByOrFail({ id }));
      });
      if (replaced) await this.storage.remove(replaced).catch((err) => this.logger.warn({ err: String(err) }, 'Could not remove a replaced deck'));
      return result;
    } catch (err) {
      await this.storage.remove(stored.key).catch(() => undefined);
      throw err;
    }
  }

  async download(actor: Actor, id: string): Promise<DeckDownload> {
    const project = await this.dataSource.getRepository(RoadshowProject).findOneBy({ id });
    if (!project || !project.deckKey || !(await this.mayRead(actor, project))) throw DomainError.notFound('Deck');
    const stream = await this.storage.open(project.deckKey);
    if (!stream) throw DomainError.notFound('Deck');
    return { stream, fileName: project.deckFileName ?? `deck.pdf`, contentType: project.deckContentType ?? 'application/octet-stream', sizeBytes: project.deckSizeBytes ?? 0 };
  }

  /**
   * The deck for a reviewer the review chain admitted (cleared in a round of this project). In a blind round the
   * file goes out as `deck.<ext>`: the enterprise's own file name often carries its name.
   */
  async openForReviewer(projectId: string, blind: boolean): Promise<DeckDownload> {
    const project = await this.dataSource.getRepository(RoadshowProject).findOneBy({ id: projectId });
    if (!project?.deckKey) throw DomainError.notFound('Deck');
    const stream = await this.storage.open(project.deckKey);
    if (!stream) throw DomainError.notFound('Deck');
    const extension = (project.deckFileName ?? 'deck.pdf').split('.').pop() ?? 'pdf';
    const fileName = blind ? `deck.${extension}` : (project.deckFileName ?? 'deck.pdf');
    return { stream, fileName, contentType: project.deckContentType ?? 'application/octet-stream', sizeBytes: project.deckSizeBytes ?? 0 };
  }

  /** The roadshow centre invites an investor organisation to a screened project's deck. */
  async invite(actor: Actor, id: string, dto: DeckInvitationDto): Promise<DeckInvitationResultDto> {
    return this.uow.run(async (tx) => {
      const project = await tx.manager.getRepository(RoadshowProject).findOneBy({ id });
      if (!project) throw DomainError.notFound('Project');
      if (!VISIBLE_TO_INVESTORS.includes(project.status)) throw DomainError.conflict(`Investors are invited to screened projects; this one is ${project.status}`);
      const [org] = await this.directory.parties(tx.manager, [dto.investorOrganizationId]);
      if (!org || org.kind !== 'investor') throw DomainError.invalid('investorOrganizationId', 'not an investor organisation');
      const rows = (await tx.manager.query(
        `INSERT INTO roadshow_deck_invitations (project_id, investor_org_id, invited_by) VALUES ($1, $2, $3)
         ON CONFLICT (project_id, investor_org_id) DO UPDATE SET invited_at = roadshow_deck_invitations.invited_at RETURNING invited_at, (xmax = 0) AS created`,
        [id, dto.investorOrganizationId, actor.userId],
      )) as { invited_at: Date; created: boolean }[];
      if (rows[0].created) {
        tx.audit({ action: 'roadshow_project.deck_invitation_sent', subjectType: 'roadshow_project', subjectId: id, organizationId: project.enterpriseId, after: { investorOrganizationId: dto.investorOrganizationId } });
        const userIds = await this.directory.activeUserIds(tx.manager, dto.investorOrganizationId);
        tx.enqueue(JobName.DeliverNotification, {
          userIds,
          kind: 'roadshow.deck_invitation',
          title: `路演材料邀请：${project.title}`,
          body: `您已受邀查阅项目 ${project.number}「${project.title}」的路演材料。`,
          subjectType: 'roadshow_project',
          subjectId: id,
          dedupKey: `roadshow.deck_invitation:${id}:${dto.investorOrganizationId}`,
          params: { projectNumber: project.number, projectTitle: project.title },
        });
      }
      return { projectId: id, investorOrganizationId: dto.investorOrganizationId, invitedAt: rows[0].invited_at.toISOString() };
    });
  }

  private async mayRead(actor: Actor, project: RoadshowProject): Promise<boolean> {
    if (isPlatformAdmin(actor) || project.enterpriseId === actor.organizationId) return true;
    if (actor.role !== Role.Investor || !VISIBLE_TO_INVESTORS.includes(project.status)) return false;
    const rows = (await this.dataSource.query(`SELECT 1 FROM roadshow_deck_invitations WHERE project_id = $1 AND investor_org_id = $2`, [project.id, actor.organizationId])) as unknown[];
    return rows.length > 0;
  }
}

/**
 * Keeps a readable name for Content-Disposition; drops path parts and control characters.
 * Multipart file names arrive decoded as latin1 (busboy's default): UTF-8 names such as
 * '路演材料.pdf' are decoded back when their bytes are valid UTF-8.
 */
function sanitiseFileName(raw: string, extension: string): string {
  const utf8 = Buffer.from(raw, 'latin1').toString('utf8');
  const name = /[\u0080-\u00ff]/.test(raw) && !utf8.includes('\ufffd') ? utf8 : raw;
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f"<>|:*?]/g, '').trim().slice(0, 150);
  if (!base) return `deck.${extension}`;
  return base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`;
}
