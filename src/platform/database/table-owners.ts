// One owner per table (issue 14): each table belongs to exactly one module (or platform part),
// whose folder alone reads and writes it. Other modules call the owner's exported service or a
// read model the owner publishes (see docs/architecture.md, "Modules and their tables").
// `table-owners.spec.ts` scans src/ and fails when a file outside the owner's folder touches a table.

/** Owner folders, relative to the repository root. */
export const OWNERS = {
  audit: 'src/platform/audit',
  auth: 'src/platform/auth',
  idempotency: 'src/platform/idempotency',
  outbox: 'src/platform/outbox',
  throttle: 'src/platform/throttle',
  cache: 'src/platform/cache',
  files: 'src/platform/files',
  organizations: 'src/modules/organizations',
  approvals: 'src/modules/approvals',
  notifications: 'src/modules/notifications',
  catalog: 'src/modules/catalog',
  ledger: 'src/modules/ledger',
  programs: 'src/modules/programs',
  vouchers: 'src/modules/vouchers',
  orders: 'src/modules/orders',
  redemptions: 'src/modules/redemptions',
  settlement: 'src/modules/settlement',
  fourEyes: 'src/modules/four-eyes',
  credit: 'src/modules/credit',
  roadshows: 'src/modules/roadshows',
  dashboards: 'src/modules/dashboards',
} as const;

export type TableOwner = keyof typeof OWNERS;

/** Every table the migrations create, with the one module that owns it. */
export const TABLE_OWNERS: Readonly<Record<string, TableOwner>> = {
  // platform
  audit_events: 'audit',
  auth_sessions: 'auth',
  auth_retired_refresh_secrets: 'auth',
  password_reset_tokens: 'auth',
  auth_oidc_identities: 'auth',
  auth_oidc_logins: 'auth',
  auth_oidc_tickets: 'auth',
  partner_api_keys: 'auth',
  idempotency_keys: 'idempotency',
  outbox: 'outbox',
  rate_limit_counters: 'throttle',
  reference_versions: 'cache',
  stored_files: 'files',
  // organizations
  regions: 'organizations',
  organizations: 'organizations',
  users: 'organizations',
  invitations: 'organizations',
  controller_groups: 'organizations',
  controller_group_change_requests: 'organizations',
  enterprise_qualifications: 'organizations',
  qualification_kinds: 'organizations',
  qualification_files: 'organizations',
  innovation_team_members: 'organizations',
  // approvals
  workflow_definitions: 'approvals',
  approval_cases: 'approvals',
  approval_tasks: 'approvals',
  approval_decisions: 'approvals',
  approval_findings: 'approvals',
  approval_revisions: 'approvals',
  approval_objections: 'approvals',
  // notifications
  notifications: 'notifications',
  webhooks: 'notifications',
  webhook_deliveries: 'notifications',
  webhook_delivery_attempts: 'notifications',
  webhook_allowed_hosts: 'notifications',
  notification_contacts: 'notifications',
  notification_channel_preferences: 'notifications',
  message_deliveries: 'notifications',
  // catalog
  service_categories: 'catalog',
  catalog_services: 'catalog',
  catalog_imports: 'catalog',
  catalog_import_errors: 'catalog',
  catalog_import_slots: 'catalog',
  catalog_import_providers: 'catalog',
  catalog_import_changes: 'catalog',
  catalog_import_unchanged: 'catalog',
  catalog_import_lines: 'catalog',
  catalog_import_blocks: 'catalog',
  catalog_provider_marks: 'catalog',
  search_engine_feeds: 'catalog',
  recognition_agreements: 'catalog',
  recognition_agreement_providers: 'catalog',
  recognition_agreement_services: 'catalog',
  recognition_agreement_signatures: 'catalog',
  // ledger
  ledger_accounts: 'ledger',
  ledger_transactions: 'ledger',
  ledger_entries: 'ledger',
  // programs
  voucher_programs: 'programs',
  voucher_program_versions: 'programs',
  voucher_program_top_ups: 'programs',
  // vouchers (cap counters are the vouchers module's: caps.service.ts)
  program_cap_usage: 'vouchers',
  voucher_applications: 'vouchers',
  vouchers: 'vouchers',
  // orders (ratings: orders/ratings, docs/domain.md "Ratings")
  service_orders: 'orders',
  service_ratings: 'orders',
  service_rating_totals: 'orders',
  // credit (信用: misconduct records, docs/domain.md "Misconduct")
  misconduct_records: 'credit',
  // redemptions
  redemption_claims: 'redemptions',
  redemption_claim_recoveries: 'redemptions',
  // settlement
  settlement_batches: 'settlement',
  settlement_items: 'settlement',
  // four-eyes
  four_eyes_requests: 'fourEyes',
  // roadshows
  roadshow_projects: 'roadshows',
  roadshow_project_events: 'roadshows',
  roadshow_deck_invitations: 'roadshows',
  roadshow_venues: 'roadshows',
  roadshow_sessions: 'roadshows',
  roadshow_slots: 'roadshows',
  roadshow_session_requests: 'roadshows',
  roadshow_agenda_versions: 'roadshows',
  roadshow_rsvps: 'roadshows',
  roadshow_calendar_feeds: 'roadshows',
  roadshow_follows: 'roadshows',
  roadshow_interests: 'roadshows',
  roadshow_interest_events: 'roadshows',
  roadshow_outcomes: 'roadshows',
  investor_profiles: 'roadshows',
  roadshow_live_channels: 'roadshows',
  roadshow_live_events: 'roadshows',
  roadshow_live_questions: 'roadshows',
  roadshow_live_attendance: 'roadshows',
  roadshow_rubrics: 'roadshows',
  roadshow_experts: 'roadshows',
  roadshow_review_rounds: 'roadshows',
  roadshow_review_assignments: 'roadshows',
  roadshow_coaching_records: 'roadshows',
  roadshow_coaching_items: 'roadshows',
  roadshow_follow_ups: 'roadshows',
  roadshow_cohost_invitations: 'roadshows',
  roadshow_series: 'roadshows',
  roadshow_referrals: 'roadshows',
  // dashboards: the public big screen's shared snapshot
  public_figure_snapshots: 'dashboards',
};

/**
 * Read models: SQL views (migrations/*-read-models.ts) that an owner publishes over its
 * rows for reporting and for other modules' filters and sweeps. Any module may read them; only the owner's migration defines them.
 */
export const READ_MODELS: Readonly<Record<string, TableOwner>> = {
  read_voucher_balances: 'vouchers',
  read_order_flow: 'orders',
  read_claim_money: 'redemptions',
  read_active_providers: 'organizations',
  read_active_services: 'catalog',
  read_organizations: 'organizations',
  read_regions: 'organizations',
  read_directory_users: 'organizations',
  read_approval_cases: 'approvals',
  read_pending_jobs: 'outbox',
  read_order_parties: 'orders',
  read_voucher_for_order: 'vouchers',
  read_service_rating_totals: 'orders',
  read_applicant_bars: 'credit',
  read_program_order_flow: 'orders',
  read_roadshow_geo: 'roadshows',
};

/** The folder that alone may touch `table`, or undefined for a name that is not a table. */
export function ownerFolderOf(table: string): string | undefined {
  const owner = TABLE_OWNERS[table];
  return owner ? OWNERS[owner] : undefined;
}
