import { PlatformFoundation1764400000000 } from './1764400000000-platform-foundation';
import { ApprovalWorkflows1764500000000 } from './1764500000000-approval-workflows';
import { Catalog1764600000000 } from './1764600000000-catalog';
import { Vouchers1764700000000 } from './1764700000000-vouchers';
import { Roadshows1764800000000 } from './1764800000000-roadshows';
import { ControllerGroups1764900000000 } from './1764900000000-controller-groups';
import { QualificationVerification1764900001000 } from './1764900001000-qualification-verification';
import { AgreementConsent1764900002000 } from './1764900002000-agreement-consent';
import { FourEyes1764900003000 } from './1764900003000-four-eyes';
import { WebhookSafetyBoundedImports1764900004000 } from './1764900004000-webhook-safety-bounded-imports';
import { AccountsSecurity1764900005000 } from './1764900005000-accounts-security';
import { ReadModels1764900009000 } from './1764900009000-read-models';
import { DirectoryReadModels1764900010000 } from './1764900010000-directory-read-models';
import { ApprovalsOutboxReadModels1764900011000 } from './1764900011000-approvals-outbox-read-models';
import { OrderPartiesReadModel1764900012000 } from './1764900012000-order-parties-read-model';
import { ClaimRecoveries1764900020000 } from './1764900020000-claim-recoveries';
import { ProgrammePolicy1764900030000 } from './1764900030000-programme-policy';
import { RegionsAsData1764900040000 } from './1764900040000-regions-as-data';
import { InnovationTeams1764900050000 } from './1764900050000-innovation-teams';
import { AuditSealer1764900060000 } from './1764900060000-audit-sealer';
import { MoneyInOneStatement1764900080000 } from './1764900080000-money-in-one-statement';
import { RoadshowLive1764900110000 } from './1764900110000-roadshow-live';
import { RegionChildrenIndex1764900120000 } from './1764900120000-region-children-index';
import { UserLocale1764900121000 } from './1764900121000-user-locale';
import { RoadshowAlliance1764900130000 } from './1764900130000-roadshow-alliance';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set. */
export const MIGRATIONS = [PlatformFoundation1764400000000, ApprovalWorkflows1764500000000, Catalog1764600000000, Vouchers1764700000000, Roadshows1764800000000, ControllerGroups1764900000000, QualificationVerification1764900001000, AgreementConsent1764900002000, FourEyes1764900003000, WebhookSafetyBoundedImports1764900004000, AccountsSecurity1764900005000, ReadModels1764900009000, DirectoryReadModels1764900010000, ApprovalsOutboxReadModels1764900011000, OrderPartiesReadModel1764900012000, ClaimRecoveries1764900020000, ProgrammePolicy1764900030000, RegionsAsData1764900040000, InnovationTeams1764900050000, AuditSealer1764900060000, MoneyInOneStatement1764900080000, RoadshowLive1764900110000, RegionChildrenIndex1764900120000, UserLocale1764900121000, RoadshowAlliance1764900130000];
