import { PlatformFoundation1764400000000 } from './1764400000000-platform-foundation';
import { ApprovalWorkflows1764500000000 } from './1764500000000-approval-workflows';

/** Every migration, in order. Listed explicitly so the app, the CLI and the tests load the same set. */
export const MIGRATIONS = [PlatformFoundation1764400000000, ApprovalWorkflows1764500000000];
