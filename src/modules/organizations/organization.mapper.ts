import { OrganizationDto, QualificationCertificateDto, QualificationDto, RegionDto } from './dto/organization.dto';
import { EnterpriseQualification, Organization, Region } from './organization.entity';

export function toRegionDto(r: Region): RegionDto {
  return { code: r.code, name: r.name, nameEn: r.nameEn, kind: r.kind, parentCode: r.parentCode, isG60: r.isG60, isPartner: r.isPartner, issuing: r.issuing };
}

export function toQualificationDto(q: EnterpriseQualification, certificate: QualificationCertificateDto | null = null): QualificationDto {
  return {
    id: q.id,
    organizationId: q.organizationId,
    kind: q.kind,
    certificateNo: q.certificateNo,
    validFrom: q.validFrom,
    validTo: q.validTo,
    issuer: q.issuer,
    status: q.status,
    decidedAt: q.decidedAt ? q.decidedAt.toISOString() : null,
    decisionReason: q.decisionReason,
    decisionReasonCode: q.decisionReasonCode,
    revokedAt: q.revokedAt ? q.revokedAt.toISOString() : null,
    certificate,
    version: q.version,
  };
}

export function toOrganizationDto(o: Organization, qualifications: EnterpriseQualification[] = []): OrganizationDto {
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    uscc: o.uscc,
    regionCode: o.regionCode,
    status: o.status,
    admissionStatus: o.admissionStatus,
    providerKind: o.providerKind,
    accreditations: o.accreditations,
    agencyLevel: o.agencyLevel,
    controllerGroupId: o.controllerGroupId,
    hostOrganizationId: o.hostOrganizationId,
    publicNoticeEndsAt: o.publicNoticeEndsAt ? o.publicNoticeEndsAt.toISOString() : null,
    qualifications: qualifications.map((q) => toQualificationDto(q)),
    version: o.version,
    createdAt: o.createdAt.toISOString(),
  };
}

/** The fields an audit row keeps of an organisation. */
export function auditView(o: Organization): Record<string, unknown> {
  return {
    kind: o.kind,
    name: o.name,
    uscc: o.uscc,
    regionCode: o.regionCode,
    status: o.status,
    admissionStatus: o.admissionStatus,
    controllerGroupId: o.controllerGroupId,
    hostOrganizationId: o.hostOrganizationId,
    version: o.version,
  };
}
