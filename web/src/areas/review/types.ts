/**
 * Response shapes of the API this area reads, as generated from the OpenAPI document (app/api-schema.ts,
 * `npm run api:generate`). Names are the portal's; the shapes are the server DTOs'. A field the portal needs
 * and the schema lacks is fixed on the server DTO's @ApiProperty, never written here by hand.
 */
import type { components } from '../../app/api-schema';

type Schemas = components['schemas'];

export type Task = Schemas['TaskDto'];
export type BatchDecisionResult = Schemas['BatchDecisionResultDto'];
export type Case = Schemas['CaseDto'];
export type Finding = Schemas['FindingDto'];
export type Revision = Schemas['RevisionDto'];
export type TimelineEntry = Schemas['TimelineEntryDto'];
export type CaseDetail = Schemas['CaseDetailDto'];
export type Program = Schemas['ProgramDto'];
export type Budget = Schemas['BudgetDto'];
export type SettlementBatch = Schemas['BatchDto'];
/** A revocation or claw-back above the four-eyes threshold, waiting for (or decided by) a second person. */
export type FourEyesRequest = Schemas['FourEyesRequestDto'];
export type StatementRow = Schemas['StatementRowDto'];
export type Statement = Schemas['StatementDto'];
export type Agreement = Schemas['RecognitionAgreementDto'];
export type AgreementSignature = Schemas['AgreementSignatureDto'];
export type AgreementDetail = Schemas['RecognitionAgreementDetailDto'];
export type Organization = Schemas['OrganizationDto'];

export type { Region } from '../../app/regions';
