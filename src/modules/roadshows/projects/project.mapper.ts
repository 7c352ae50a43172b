import { RoadshowProject } from '../shared/roadshow.entities';
import { ProjectDto } from './dto/project.dto';

export function toProjectDto(p: RoadshowProject): ProjectDto {
  return {
    id: p.id,
    number: p.number,
    enterpriseId: p.enterpriseId,
    title: p.title,
    summary: p.summary,
    industry: p.industry,
    stage: p.stage,
    financingAskFen: p.financingAskFen,
    regionCode: p.regionCode,
    team: p.team,
    availability: p.availability,
    status: p.status,
    statusChangedAt: p.statusChangedAt.toISOString(),
    screeningCaseId: p.screeningCaseId,
    decisionReason: p.decisionReason,
    deck:
      p.deckKey && p.deckUploadedAt
        ? { fileName: p.deckFileName ?? 'deck', contentType: p.deckContentType ?? 'application/octet-stream', sizeBytes: p.deckSizeBytes ?? 0, sha256: p.deckSha256 ?? '', uploadedAt: p.deckUploadedAt.toISOString() }
        : null,
    createdAt: p.createdAt.toISOString(),
    version: p.version,
  };
}

/** What the audit trail keeps of a project (never the deck's storage key). */
export function projectAuditView(p: RoadshowProject): Record<string, unknown> {
  const { deckKey: _key, ...rest } = p;
  return { ...rest, financingAskFen: p.financingAskFen };
}
