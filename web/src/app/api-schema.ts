/**
 * Generated from the API's OpenAPI document by `npm run api:generate` (openapi-typescript). Do not edit:
 * change the server's DTOs (their @ApiProperty) and regenerate. A unit test fails when this file is stale.
 */

export interface paths {
    "/api/v1/auth/demo-logins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Demo logins (only where demo data is seeded: embedded mode or SEED_DEMO=true) */
        get: operations["DemoLoginsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with e-mail and password (rate limited per account and per client address, across all API processes) */
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for a new pair; presenting any already-used refresh token revokes every token of that sign-in */
        post: operations["AuthController_refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session: its access and refresh tokens stop working at once */
        post: operations["AuthController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change my password (current + new); my other sessions end */
        post: operations["AuthController_changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password/forgot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Forgot my password: e-mails a one-time reset link to the address if it has an account
         * @description Always 202, whether or not the address has an account (no account enumeration); 429 with Retry-After when one client asks too often.
         */
        post: operations["AuthController_forgotPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with a one-time reset token (from the e-mailed link, or handed over by a platform admin) */
        post: operations["AuthController_completePasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Force a password reset: every session of the user ends; returns a one-time token to hand over out of band */
        post: operations["AuthController_forcePasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set my portal preferences, kept for my next sign-in on any device
         * @description Names one or both: `locale` (简体中文 zh-CN, 繁體中文 zh-Hant, English en) and `elderMode` (适老化). The other is kept.
         */
        put: operations["AuthController_setPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user, organisation and region scope */
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether single sign-on is configured, and the provider’s name for the login button */
        get: operations["OidcController_options"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Start single sign-on: redirects (302) to the provider’s authorization page (code flow with PKCE, state and nonce) */
        get: operations["OidcController_start"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The provider’s redirect back: redirects (302) to /login#sso=<one-time ticket>, or /login#sso_error=<reason>
         * @description Reasons: invalid_state (unknown, used or expired state), provider_error, email_unverified, no_account (ask your organisation admin for an invitation), account_disabled, already_linked.
         */
        get: operations["OidcController_callback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/oidc/exchange": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange the callback’s one-time ticket (valid 60 s) for a token pair, as a password sign-in gives */
        post: operations["OidcController_exchange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every key: name, prefix, scopes, rate limit, last use, revocation (never the key) */
        get: operations["ApiKeysController_list"];
        put?: never;
        /** Create a read-only key for a partner platform (catalogue and/or roadshow data); the key is shown this once */
        post: operations["ApiKeysController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/api-keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a key: refused by every API process from the next request on */
        post: operations["ApiKeysController_revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit trail, newest first, limited to what the caller may see */
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Re-hash the whole chain and report altered or missing rows */
        get: operations["AuditController_verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database and queue reachability; 503 when either fails */
        get: operations["HealthController_health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness for a load balancer: 503 while draining for shutdown or when the database or queue fails */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: 200 while the process runs, draining included */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/queues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Job counts per queue and state */
        get: operations["QueueAdminController_counts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/queues/{queue}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Jobs of a queue in one state (failed by default) */
        get: operations["QueueAdminController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/queues/{queue}/jobs/{jobId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a failed job again */
        post: operations["QueueAdminController_retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/queues/{queue}/jobs/{jobId}/discard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give up on a failed job, with a reason; its outbox row is cancelled */
        post: operations["QueueAdminController_discard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which notifications also reach me by e-mail and by SMS (in-app always), and my SMS number */
        get: operations["NotificationPreferencesController_get"];
        /** Set my SMS number and/or the channels of some notification kinds; the others are kept */
        put: operations["NotificationPreferencesController_update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/message-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** E-mail and SMS deliveries, newest first, by status and channel (paged by limit and offset) */
        get: operations["MessageDeliveriesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Decider inbox: tasks the caller may decide (by role and region), oldest due first */
        get: operations["ApprovalsController_inbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-tasks/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decide several tasks at once; each succeeds or fails on its own */
        post: operations["ApprovalsController_decideBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-tasks/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve, reject or return a task (comment required to reject or return) */
        post: operations["ApprovalsController_decide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-tasks/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Claim a task so other deciders leave it to you */
        post: operations["ApprovalsController_claim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-tasks/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release a claimed task */
        post: operations["ApprovalsController_release"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases the caller may see: its own organisation’s, or its region’s for agencies */
        get: operations["ApprovalsController_listCases"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case with tasks, decisions, pre-check findings, revisions (with diffs) and its full timeline */
        get: operations["ApprovalsController_caseDetail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-cases/{id}/resubmit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resubmit a returned case after revising its subject (the applicant) */
        post: operations["ApprovalsController_resubmit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-cases/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw an open case (the applicant) */
        post: operations["ApprovalsController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public-notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Provider admissions under public notice (公示) now, readable without signing in: provider name, region, notice end. Objecting needs a signed-in organisation */
        get: operations["ApprovalsController_publicNotices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-cases/{id}/objections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Object to a provider admission under public notice (公示异议): the notice stops and the objection is reviewed. Rate limited per user and organisation (429 + Retry-After); any case not under public notice is 404 */
        post: operations["ApprovalsController_object"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/approval-metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases by state, open and overdue tasks, time in stage (scoped to the caller’s region) */
        get: operations["ApprovalsController_metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflow-definitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Workflow definitions (active versions, or all) */
        get: operations["ApprovalsController_listDefinitions"];
        put?: never;
        /** Publish a definition: a new key, or the next version of an existing one (running cases keep theirs) */
        post: operations["ApprovalsController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflow-definitions/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One definition: the active version, or ?version=N */
        get: operations["ApprovalsController_getDefinition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register an enterprise, provider or investor together with its first (admin) user */
        post: operations["OrganizationsController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account from an invitation token */
        post: operations["OrganizationsController_acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Organisations the caller may see: its own, or its region’s for agency roles */
        get: operations["OrganizationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One organisation (404 when outside the caller’s scope) */
        get: operations["OrganizationsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Edit the organisation profile (its org admins); revise a returned admission before resubmitting */
        post: operations["OrganizationsController_updateProfile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite a user into the organisation (its org admins, or the platform) */
        post: operations["OrganizationsController_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/admission-transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a provider through admission: applied → in_review → public_notice → active → suspended | revoked */
        post: operations["OrganizationsController_transitionAdmission"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a science or finance bureau (agency) organisation */
        post: operations["OrganizationsController_createAgency"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Without filters: the regions the platform serves (issuing regions, what lies under them, G60 and partner regions). With parent, q, issuing, kind or all: a page of the whole GB/T 2260 list */
        get: operations["RegionsController_list"];
        put?: never;
        /** Add a division missing from the list (a new GB/T 2260 code); 409 when the code exists */
        post: operations["RegionsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/regions/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Mark a region issuing (its bureau then issues programmes), set its English name or corridor flags */
        patch: operations["RegionsController_update"];
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every user, by role, region (and the regions under it) and text; newest first, paged */
        get: operations["UsersController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The users of one organisation: for its org admins and the platform */
        get: operations["UsersController_listOfOrganization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/qualifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declare a qualification (科技型中小企业, 高新技术企业, …) with its certificate; the district bureau verifies it before it counts */
        post: operations["QualificationsController_declare"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qualification-kinds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The qualification kinds an enterprise may hold and a programme tier may ask for (科技型中小企业, 高新技术企业, 科技小巨人, …) */
        get: operations["QualificationsController_kinds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qualifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One qualification with its verification status: the enterprise itself and the bureaus covering it (others 404) */
        get: operations["QualificationsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qualifications/{id}/certificate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a qualification’s certificate: the enterprise itself and the bureaus covering it */
        get: operations["QualificationsController_downloadCertificate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/qualifications/{id}/revocation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a verified qualification, with a reason (the enterprise’s district or city bureau); committed subsidies keep their ratio */
        post: operations["QualificationsController_revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/controller-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Actual-controller groups created in the caller’s region or with a member in it */
        get: operations["ControllerGroupsController_list"];
        put?: never;
        /** Create an actual-controller group (the science bureaus) */
        post: operations["ControllerGroupsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/controller-groups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One actual-controller group with the members in the caller’s scope; a member organisation sees its own group (404 otherwise) */
        get: operations["ControllerGroupsController_detail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/controller-group": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The organisation’s own district or city bureau links it to its actual-controller group, or unlinks it with null */
        post: operations["ControllerGroupsController_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/controller-group-change-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Change requests: an enterprise’s own, or those of the enterprises in a bureau’s region */
        get: operations["ControllerGroupsController_listRequests"];
        put?: never;
        /** An enterprise’s admin asks to join, leave or declare an actual-controller group, with a statement and documents; the bureaus decide */
        post: operations["ControllerGroupsController_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/controller-group-change-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One change request (404 outside the caller’s scope) */
        get: operations["ControllerGroupsController_getRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/host-organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Active enterprises and admitted providers that may host an innovation team, by name (id, name, kind, region only; at most 20) */
        get: operations["InnovationTeamsController_hosts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/me/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s innovation team: its leader and members (404 unless the caller is in a team) */
        get: operations["InnovationTeamsController_members"];
        put?: never;
        /** Add a member to the caller’s innovation team (its leader / admins; at most 50) */
        post: operations["InnovationTeamsController_addMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/me/members/{memberId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member from the caller’s innovation team (not the leader; at least one member stays); answers the removed member */
        delete: operations["InnovationTeamsController_removeMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's in-app inbox, newest first */
        get: operations["NotificationsController_inbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark one notification read */
        post: operations["NotificationsController_markRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark every notification read */
        post: operations["NotificationsController_markAllRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service categories (检测, 分析测试, 仪器共享, …) */
        get: operations["CatalogController_categories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search listed services of admitted providers: Chinese keywords from one character, filters, recognisedOnly */
        get: operations["CatalogController_search"];
        put?: never;
        /** List a service in the caller’s catalogue (admitted providers’ org admins) */
        post: operations["CatalogController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/services/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One service (withdrawn ones and those of non-admitted providers only for the provider and its regional admins) */
        get: operations["CatalogController_get"];
        put?: never;
        /** Update one of the caller’s services (only the fields sent; null clears an optional field) */
        post: operations["CatalogController_update"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/services/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw (下架) one of the caller’s services; it leaves search */
        post: operations["CatalogController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/open/catalog/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service categories (open data) */
        get: operations["OpenCatalogController_categories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/open/catalog/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the listed services of admitted providers (open data: the widget’s, or a partner key’s of scope catalog:read) */
        get: operations["OpenCatalogController_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s imports, newest first */
        get: operations["CatalogImportsController_list"];
        put?: never;
        /**
         * Upload a catalogue as a raw text/csv or XLSX body (streamed, up to CATALOG_IMPORT_MAX_BYTES, default 200 MB; larger → 413); answers 202 once it is queued
         * @description Columns: provider_uscc,provider_name,service_code,name,category,unit_price_fen,unit,lead_time_days,instrument_name,instrument_model,description (the last three optional; GET …/template has both formats). A provider’s org admins import their own catalogue; a partner admin imports for its region’s providers and creates missing ones as admitted providers. The file is stored in PostgreSQL and a queue job validates it (every problem reported per row and field: GET …/{id}/errors) and merges it in bounded batches. By default any invalid row rejects the whole file (status rejected, nothing merged); invalidRows=skip merges the valid rows. withdrawMissing=true withdraws the named providers’ listed services the file does not name. Progress: GET …/{id}; what changed: GET …/{id}/changes. Other content types: 415. At most CATALOG_IMPORT_CONCURRENCY imports are in flight across the deployment; when all are busy: 503 with Retry-After.
         */
        post: operations["CatalogImportsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/imports/template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The import template: header, one example row and the column notes (CSV: as # lines the import skips; XLSX: a second sheet) */
        get: operations["CatalogImportsController_template"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One import, with its phase and progress (rows, bytes, rows merged) while it runs */
        get: operations["CatalogImportsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/imports/{id}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every problem of the import’s rows: row number, field and message */
        get: operations["CatalogImportsController_errors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/catalog/imports/{id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the import did: counts of added / changed / withdrawn / unchanged services and one page of a kind */
        get: operations["CatalogImportsController_changes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recognition-agreements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Agreements of the caller’s regions (as issuing or partner region) */
        get: operations["RecognitionAgreementsController_list"];
        put?: never;
        /** Propose an agreement (a draft): an issuing city recognises providers of a partner region for a period; binds only once both regions sign */
        post: operations["RecognitionAgreementsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recognition-agreements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One agreement with its providers and listed services */
        get: operations["RecognitionAgreementsController_get"];
        /** Replace the terms of a draft or partially signed version; signatures of the old terms become void */
        put: operations["RecognitionAgreementsController_update"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recognition-agreements/{id}/sign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign the terms read (termsHash) for the region the caller represents; the second signature brings the version into force */
        post: operations["RecognitionAgreementsController_sign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recognition-agreements/{id}/amend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Propose the next version of an agreement in force (a draft copy of its terms and scope), signed the same way */
        post: operations["RecognitionAgreementsController_amend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recognition-agreements/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a version that is not in force yet */
        post: operations["RecognitionAgreementsController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recognition-agreements/{id}/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recognise providers of the partner region (all their services, unless some are listed); a change of terms of an unsigned version */
        post: operations["RecognitionAgreementsController_addProviders"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recognition-agreements/{id}/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recognise only these services of their providers (the providers are listed too) */
        post: operations["RecognitionAgreementsController_addServices"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/recognition-agreements/{id}/terminate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Terminate from today (Asia/Shanghai); orders of earlier days stay recognised */
        post: operations["RecognitionAgreementsController_terminate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/four-eyes-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Voucher revocations and claw-backs above the four-eyes threshold, of the caller’s region (pending first to confirm) */
        get: operations["FourEyesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/four-eyes-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One four-eyes request */
        get: operations["FourEyesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/four-eyes-requests/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A second authorised person of the paying region confirms: the money moves now (never twice; never by the requester) */
        post: operations["FourEyesController_confirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/four-eyes-requests/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a pending request (its requester, or a person who could confirm it); nothing moves */
        post: operations["FourEyesController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/programs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Programmes: open and closed for everyone, drafts for their region */
        get: operations["ProgramsController_list"];
        put?: never;
        /** Create a voucher programme (draft) for the caller’s city */
        post: operations["ProgramsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/programs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One programme */
        get: operations["ProgramsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Edit a draft programme in place (an open programme gets a new version instead) */
        patch: operations["ProgramsController_update"];
        trace?: never;
    };
    "/api/v1/programs/{id}/english-name": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set or remove the programme's English name, in any state (words for English readers, not policy: no new version) */
        put: operations["ProgramsController_setEnglishName"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/programs/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of the programme’s policy with its effective day and what changed from the one before */
        get: operations["ProgramsController_versions"];
        put?: never;
        /** A new version of an open programme’s policy from an effective day; absent fields keep their value, null removes a cap */
        post: operations["ProgramsController_addVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/programs/{id}/top-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Budget top-ups of the programme, oldest first */
        get: operations["ProgramsController_topUps"];
        put?: never;
        /** Top up an open programme’s budget (a fund movement in the ledger) */
        post: operations["ProgramsController_topUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/programs/{id}/open": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open the programme: its budget is appropriated in the ledger */
        post: operations["ProgramsController_open"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/programs/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close the programme to new applications */
        post: operations["ProgramsController_close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/programs/{id}/budget": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Budget from the ledger: available, committed, held, payable, paid; the ledger sum (always 0) */
        get: operations["ProgramsController_budget"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/voucher-applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Applications: the enterprise’s own, or the region’s for bureaus */
        get: operations["VouchersController_listApplications"];
        put?: never;
        /** Start a voucher application (申领) as a draft */
        post: operations["VouchersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/voucher-applications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One application */
        get: operations["VouchersController_getApplication"];
        put?: never;
        /** Edit a draft or returned application */
        post: operations["VouchersController_update"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/voucher-applications/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit (or resubmit after a return): caps are checked, the approval workflow starts */
        post: operations["VouchersController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/voucher-applications/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw an application that is not yet decided */
        post: operations["VouchersController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/vouchers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Vouchers with their available and held balances */
        get: operations["VouchersController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/vouchers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One voucher */
        get: operations["VouchersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/vouchers/{id}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The voucher’s ledger statement: every hold, release and capture with running balances */
        get: operations["VouchersController_statement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/vouchers/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a voucher with no money held: its balance returns to the budget (reversing entries) */
        post: operations["VouchersController_revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/programs/{id}/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s live limits for an application: tier and ratio, caps used and remaining (enterprise, group), budget, the most it may request */
        get: operations["ProgramLimitsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/controller-groups/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A group’s usage per programme: the counter issuance checks, and the vouchers committed under the group by enterprise (members when committed) */
        get: operations["ControllerGroupUsageController_usage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Orders: the enterprise’s, the provider’s (placed with it), or the region’s */
        get: operations["OrdersController_list"];
        put?: never;
        /** Order a catalogue service with a voucher: the subsidy is computed and held */
        post: operations["OrdersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-orders/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What ordering would compute (contract amount, ratio, subsidy, own share) without ordering; refusals as for ordering */
        post: operations["OrdersController_quote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One order */
        get: operations["OrdersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-orders/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Provider accepts the order (卖家接单) */
        post: operations["OrdersController_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-orders/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Provider declines; the hold is released */
        post: operations["OrdersController_decline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-orders/{id}/deliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Provider records delivery (report number, actual amount ≤ contract); the hold shrinks to the actual subsidy */
        post: operations["OrdersController_deliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-orders/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enterprise confirms receipt of the service */
        post: operations["OrdersController_confirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-orders/{id}/dispute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enterprise disputes the delivery; the provider records it again */
        post: operations["OrdersController_dispute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-orders/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enterprise cancels before delivery; the hold is released */
        post: operations["OrdersController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-orders/{id}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rate a service once, after confirming its delivery (评价): the ordering enterprise only; a second rating is 409 ALREADY_EXISTS */
        post: operations["RatingsController_rate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-ratings/{id}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The rated provider replies, once */
        post: operations["RatingsController_reply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/service-ratings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Ratings of a service or a provider, or mine=true: those my enterprise gave or my provider received */
        get: operations["RatingsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/redemption-claims": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Claims the caller may see */
        get: operations["ClaimsController_list"];
        put?: never;
        /** Claim the voucher portion of a confirmed order (provider in 通兑, enterprise in 通用), with its documents */
        post: operations["ClaimsController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/redemption-claims/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One claim */
        get: operations["ClaimsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/redemption-claims/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Correct the documents of a returned claim */
        post: operations["ClaimsController_updateDocuments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/redemption-claims/{id}/resubmit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resubmit a returned claim into its case */
        post: operations["ClaimsController_resubmit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/redemption-claims/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw an undecided claim; the order can be claimed again */
        post: operations["ClaimsController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/redemption-claims/{id}/claw-back": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Claw back a paid claim: reversing entries move it from paid to a receivable from the payee */
        post: operations["ClaimsController_clawBack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/redemption-claims/{id}/recoveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recoveries recorded on a clawed-back claim, oldest first */
        get: operations["ClaimsController_listRecoveries"];
        put?: never;
        /** Record money the payee paid back on a clawed-back claim (finance of the issuing region): it returns to the programme’s budget; the last instalment makes the claim recovered */
        post: operations["ClaimsController_recordRecovery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Settlement batches of the caller’s city; for a partner admin, those paying its region’s providers */
        get: operations["SettlementController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement-batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One settlement batch */
        get: operations["SettlementController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement-batches/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close the batch (cut-off); the daily run also closes batches whose period ended */
        post: operations["SettlementController_close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement-batches/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finance approves a closed batch */
        post: operations["SettlementController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement-batches/{id}/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark an approved batch paid: payable → paid per claim (never twice); claims paid, orders settled */
        post: operations["SettlementController_pay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement-batches/{id}/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reconcile a paid batch: its total must match the ledger’s pay movements */
        post: operations["SettlementController_reconcile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement-batches/{id}/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Statement per payee, or per partner region (e.g. Shanghai providers paid by Jiaxing) */
        get: operations["SettlementController_statement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement-batches/{id}/statement.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The statement as CSV (UTF-8 with BOM) */
        get: operations["SettlementController_statementCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/settlement-batches/{id}/statement.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The statement as an Excel workbook */
        get: operations["SettlementController_statementXlsx"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/daily-run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the daily calendar job now on a worker (expiry, lapses, redeem-by rejections, cut-offs), optionally as of a day; 202 with the job when it takes longer than DAILY_RUN_WAIT_MS (20 s) */
        post: operations["SettlementController_runDaily"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/misconduct-records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Misconduct records: the region’s (bureaus), or those naming my organisation (the party concerned) */
        get: operations["MisconductController_list"];
        put?: never;
        /** Record misconduct (失信) as the paying region’s approver: cancels unclaimed orders on the region’s vouchers concerned, revokes the applicant’s vouchers of the region’s programmes, suspends the provider when the region admits it, bars the applicant’s applications to the region’s programmes for the period. Above FOUR_EYES_THRESHOLD_FEN it waits for a second approver (status pending_confirmation) */
        post: operations["MisconductController_record"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/misconduct-records/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One misconduct record */
        get: operations["MisconductController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/misconduct-records/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A second approver of the recording region confirms a pending record; its effects happen now (403 SECOND_PERSON_REQUIRED for the recorder) */
        post: operations["MisconductController_confirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/misconduct-records/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a record still waiting for its second approver; nothing happened yet */
        post: operations["MisconductController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/misconduct-records/{id}/lift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lift a record in force early (e.g. an appeal upheld): the bar ends; revocations and suspensions are not undone */
        post: operations["MisconductController_lift"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboards/budget-by-district": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A programme’s money by the district of the enterprise: issued, held, payable, paid, still available; programme budget and available */
        get: operations["DashboardsController_budgetByDistrict"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboards/cross-region-flow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A programme’s orders from the issuing city to each provider city (跨区域通用通兑): orders, subsidy, paid */
        get: operations["DashboardsController_crossRegionFlow"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboards/approval-times": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per workflow and stage: decided, average / median / p90 hours to decision, open and overdue tasks (the caller’s regions) */
        get: operations["DashboardsController_approvalTimes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboards/provider-map": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Provider map (一图): per region its coordinates, active providers, services, instruments, CMA/CNAS holders */
        get: operations["DashboardsController_map"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dashboards/map-layers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The map’s layers by place: providers, services by category, voucher flows (scoped as GET /service-orders), roadshow projects and landings (counts) */
        get: operations["DashboardsController_mapLayers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/big-screen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public aggregate figures per place (providers, services, roadshow projects, landings, cross-region voucher orders); no names, no personal data; recomputed at most every BIG_SCREEN_CACHE_SECONDS */
        get: operations["PublicBigScreenController_bigScreen"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lifecycles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every lifecycle as declared: states, allowed transitions, guards and the event each emits (read-only) */
        get: operations["LifecyclesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhooks of the caller’s organisation (all, for platform admins); deleted ones are not listed */
        get: operations["WebhooksController_list"];
        put?: never;
        /**
         * Add an outgoing webhook for the caller’s organisation (org admins). The secret is shown once.
         * @description The URL must resolve to public addresses only (loopback, private, link-local, metadata … are refused with 400 on `url`) unless a platform admin allow-listed the host.
         */
        post: operations["WebhooksController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause a webhook (org admins): no deliveries until resumed; pending ones are dropped */
        post: operations["WebhooksController_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused webhook (org admins) */
        post: operations["WebhooksController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a webhook (org admins): nothing more is delivered and it is no longer listed */
        delete: operations["WebhooksController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deliveries of a webhook, newest first (paged): attempts, last status, errors */
        get: operations["WebhooksController_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery log of a webhook: every attempt with status code or error, duration, attempt number and time (paged) */
        get: operations["WebhooksController_attempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-allowed-hosts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hosts webhooks may reach although they resolve to internal addresses */
        get: operations["WebhookAllowedHostsController_list"];
        put?: never;
        /** Allow webhooks to reach an internal host (audited); cloud metadata addresses cannot be allowed */
        post: operations["WebhookAllowedHostsController_add"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/webhook-allowed-hosts/{host}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a host from the allow-list (audited); deliveries to it are refused from then on */
        delete: operations["WebhookAllowedHostsController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Projects: an enterprise its own, investors the screened ones, admins all */
        get: operations["ProjectsController_list"];
        put?: never;
        /** Submit a roadshow project (路演项目): collected, not yet screened */
        post: operations["ProjectsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One project (deck metadata only) */
        get: operations["ProjectsController_get"];
        put?: never;
        /** Edit a collected or returned project */
        post: operations["ProjectsController_update"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declare when the presenters can pitch (the scheduler keeps to it) */
        post: operations["ProjectsController_availability"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit for screening (roadshow_screening workflow), or resubmit after a return */
        post: operations["ProjectsController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a project before it is screened */
        post: operations["ProjectsController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project timeline: every stage change with its time */
        get: operations["ProjectsController_timeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a project along the chain by hand: coach, present, match, land, track (illegal → 409) */
        post: operations["ProjectsController_transition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/deck": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the deck: the owner, admins and invited investors only */
        get: operations["ProjectsController_downloadDeck"];
        put?: never;
        /** Upload (or replace) the confidential pitch deck */
        post: operations["ProjectsController_uploadDeck"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/deck-invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite an investor organisation to read the deck */
        post: operations["ProjectsController_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-venues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Venues, optionally of one city */
        get: operations["SessionsController_venues"];
        put?: never;
        /** Add a venue (路演场地) in a city, with its capacity: the platform anywhere, a city’s roadshow organisers in their city */
        post: operations["SessionsController_createVenue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sessions: published and finished ones; the platform also drafts and cancelled ones, a city’s organisers those of sessions their city hosts, co-hosts or is invited to */
        get: operations["SessionsController_listSessions"];
        put?: never;
        /** Create a draft session: custom, alliance (invites co-hosting G60 cities) or cloud (stream link). A city’s organisers host in their own city. */
        post: operations["SessionsController_createSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A session with its current slots */
        get: operations["SessionsController_getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish: freeze the next agenda version with its changelog; tell presenters and RSVP’d investors */
        post: operations["SessionsController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/finish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a published session finished: its presenters become presented */
        post: operations["SessionsController_finish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a session: slots and RSVPs are released, people are told */
        post: operations["SessionsController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/agenda": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest published agenda, as JSON (admins: the draft before the first publication) */
        get: operations["SessionsController_agenda"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/agenda.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest published agenda, as iCalendar (RFC 5545): one VEVENT per slot, TZID Asia/Shanghai */
        get: operations["SessionsController_agendaIcal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/agenda-versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every published agenda version with its changelog */
        get: operations["SessionsController_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put a project into a slot by hand; hard conflicts → 409 naming the conflict, soft issues → warnings */
        post: operations["SessionsController_assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/slots/{slotId}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a slot to another position of the grid */
        post: operations["SessionsController_move"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/slots/{slotId}/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take a project out of the session */
        post: operations["SessionsController_remove"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-scheduling/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the automatic scheduler over sessions: preview or apply; explains every placement and every project left out */
        post: operations["SessionsController_run"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-session-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Session requests: your organisation’s; admins all */
        get: operations["SessionsController_requestsList"];
        put?: never;
        /** Request a custom roadshow (定制路演): enterprises, investors, parks */
        post: operations["SessionsController_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-session-requests/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept a request into a custom session */
        post: operations["SessionsController_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-session-requests/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decline a request, with the reason */
        post: operations["SessionsController_decline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/agenda": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project’s published roadshow slots, as JSON */
        get: operations["ProjectAgendaController_agenda"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/agenda.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project’s published roadshow slots, as iCalendar (RFC 5545) */
        get: operations["ProjectAgendaController_agendaIcal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-cohost-invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Co-host invitations addressed to my city (the platform: every city’s, or one city’s) */
        get: operations["CoHostInvitationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/cohost-invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A session’s co-host invitations: its host, co-host and invited cities */
        get: operations["CoHostInvitationsController_forSession"];
        put?: never;
        /** The host city invites a G60 city to co-host an alliance session (again, after a decline or withdrawal) */
        post: operations["CoHostInvitationsController_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/cohost-invitations/{cityCode}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The invited city accepts: it co-hosts (moderates the live page, reads the statistics) */
        post: operations["CoHostInvitationsController_accept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/cohost-invitations/{cityCode}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The invited city declines, optionally saying why */
        post: operations["CoHostInvitationsController_decline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/cohost-invitations/{cityCode}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The host city withdraws an invitation, answered or not */
        post: operations["CoHostInvitationsController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/open/roadshow-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published and finished roadshow sessions in a window (open data; at most 500) */
        get: operations["OpenSessionsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/open/roadshow-sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A published session with its published agenda and the pitch on stage now (open data) */
        get: operations["OpenSessionsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/calendar-feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether I have a calendar-feed address, when it was made and last read */
        get: operations["CalendarFeedsController_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/calendar-feed/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a new secret calendar-feed address (shown once); the previous address stops working at once */
        post: operations["CalendarFeedsController_rotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My roadshow agenda as iCalendar, at the secret address: sessions I hold a seat at or organise, my organisation’s pitches */
        get: operations["CalendarFeedsController_feed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor-profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation’s investor profile and the projects I follow */
        get: operations["InvestorsController_profile"];
        put?: never;
        /** Set focus industries, stages and ticket size (fields left out keep their value) */
        post: operations["InvestorsController_upsertProfile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor-recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Screened projects that fit the profile, best first, with reasons */
        get: operations["InvestorsController_recommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor-interests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organisation’s interest pipeline */
        get: operations["InvestorsController_myInterests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-interests/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move an interest: meet → start_due_diligence → offer_term_sheet → invest, or drop (illegal → 409) */
        post: operations["InvestorsController_transition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor-agenda": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My agenda: published sessions where I hold a seat, as JSON */
        get: operations["InvestorsController_agenda"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/investor-agenda.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My agenda as iCalendar (RFC 5545) */
        get: operations["InvestorsController_agendaIcal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/follow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Follow a screened project */
        post: operations["ProjectInterestsController_follow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/unfollow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop following a project */
        post: operations["ProjectInterestsController_unfollow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/interests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Investor interest in the project (an investor sees its own) */
        get: operations["ProjectInterestsController_interestsOf"];
        put?: never;
        /** Register the organisation’s interest in a project (投资意向: interested) */
        post: operations["ProjectInterestsController_interest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/rsvp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My RSVP and waitlist position */
        get: operations["RsvpsController_myRsvp"];
        put?: never;
        /** RSVP (报名): a seat while there is one, else the waitlist */
        post: operations["RsvpsController_rsvp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/rsvp/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel the RSVP; a freed seat goes to the head of the waitlist */
        post: operations["RsvpsController_cancelRsvp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/rsvps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every RSVP: confirmed, then the waitlist in order, then cancelled (the session’s organisers: the platform, the host and accepted co-host cities) */
        get: operations["RsvpsController_listRsvps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/outcome": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project’s recorded outcome */
        get: operations["ProjectOutcomesController_outcome"];
        put?: never;
        /** Record the outcome: the G60 city it landed in (district, date) and financing raised; a city organiser records landings in its city */
        post: operations["ProjectOutcomesController_recordOutcome"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Roadshow statistics by city, industry, session type or month: projects, screened, presented, landed, financing raised; the cloud roadshows’ attendance and questions; and the nine-city alliance per city and in total. A city organiser reads its own city only. */
        get: operations["RoadshowStatsController_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The live (or, once finished, replay) page: agenda, presenter, player, questions the viewer may see; counts the viewer as attending */
        get: operations["LiveController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/live/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events of the live page: question.asked / question.rejected (moderators and the asker), question.approved, question.answered, presenter.changed, replay.attached, session.finished, session.cancelled. Each event id is the session’s event number: reconnect with Last-Event-ID to get what was missed. A heartbeat comment every LIVE_HEARTBEAT_MS; the stream ends when the access token expires (event `expired`). */
        get: operations["LiveController_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/live/questions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask a question (2–500 characters) for the slot presenting now, or a named slot; moderators see it at once, everyone once approved */
        post: operations["LiveController_ask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/live/questions/{questionId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a pending question (the session’s organisers; never one’s own): every viewer sees it */
        post: operations["LiveController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/live/questions/{questionId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a pending question, with an optional reason for the asker */
        post: operations["LiveController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/live/questions/{questionId}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer an approved question of one’s own slot (the presenting enterprise) */
        post: operations["LiveController_answer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/live/presenter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set the slot presenting now (otherwise the slot times decide) */
        post: operations["LiveController_presenter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/live/interest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** "Interested" in the project presenting now: registers the organisation’s interest (投资意向), once per project */
        post: operations["LiveController_interest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/slots/{slotId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Attach (or replace) a slot’s replay once the session is finished */
        post: operations["LiveController_replay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-sessions/{id}/live/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The session’s live statistics: attendance (each person once) and questions asked, approved, rejected, answered */
        get: operations["LiveController_stats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-rubrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of every scoring rubric (the criteria are no secret: enterprises read what they are scored on) */
        get: operations["RubricsController_list"];
        put?: never;
        /** Publish the next version of a rubric (weights add up to 100); rounds already open keep theirs */
        post: operations["RubricsController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-experts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The expert pool (评审专家库) */
        get: operations["RubricsController_listExperts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-experts/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Register a user as an expert (or update or deactivate one); agency roles cannot be experts */
        put: operations["RubricsController_upsertExpert"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-review-rounds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Screening rounds with their reviewers, progress and aggregated scores */
        get: operations["ReviewRoundsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-review-rounds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One round: reviewers (conflicts, exclusions), scores, the aggregate, whether you may decide */
        get: operations["ReviewRoundsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Blind review and the minimum of reviews (blind only before any reviewer declared) */
        patch: operations["ReviewRoundsController_settings"];
        trace?: never;
    };
    "/api/v1/roadshow-review-rounds/{id}/reviewers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign an expert; the conflict rules run at once and may record them as excluded */
        post: operations["ReviewRoundsController_assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-review-rounds/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pass, reject or revise-and-resubmit, through the screening case’s review task */
        post: operations["ReviewRoundsController_decide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/roadshow-reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** My review assignments (reviewer inbox) */
        get: operations["ReviewerController_inbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-review-assignments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of my assignments: the project once I declared no conflict (nothing naming the applicant in a blind round) */
        get: operations["ReviewerController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-review-assignments/{id}/declaration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Declare conflicts of interest (none, or a relation with a reason); the rules run too */
        post: operations["ReviewerController_declare"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-review-assignments/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit my scores (one per criterion of the round’s rubric) and comment */
        post: operations["ReviewerController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-review-assignments/{id}/deck": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The project’s deck, once cleared of conflicts (named deck.<ext> in a blind round) */
        get: operations["ReviewerController_deck"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/review-rounds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The screening rounds of my project: decisions, aggregate scores and shareable comments (no reviewer names in blind rounds) */
        get: operations["ReviewerController_applicantRounds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/coaching-records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Coaching records of a project (organisers and the project’s enterprise) */
        get: operations["TrackingController_coachingRecords"];
        put?: never;
        /** Record a coaching session: who, when, advice, follow-up items (the first one makes a screened project coached) */
        post: operations["TrackingController_createCoaching"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-coaching-items/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete or drop a coaching item (its owner or an organiser) */
        post: operations["TrackingController_changeItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-projects/{id}/follow-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a dated follow-up with a person responsible, reminded at the due time */
        post: operations["TrackingController_createFollowUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-follow-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Follow-ups (organisers: all; others: theirs and their projects’), optionally only overdue ones */
        get: operations["TrackingController_listFollowUps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-follow-ups/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer (complete) a follow-up — the person responsible or an organiser — or cancel it (an organiser) */
        post: operations["TrackingController_closeFollowUp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alliance series, each with the city that hosts its next session */
        get: operations["AllianceController_listSeries"];
        put?: never;
        /** Set up an alliance series (e.g. G60 科创路演联盟月度路演) with its member cities in rotation order */
        post: operations["AllianceController_createSeries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-series/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A series: the rotation, who opted out, the next host and its sessions */
        get: operations["AllianceController_getSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-series/{id}/opt-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A member city opts out of the rotation (skipped until it opts in again) */
        post: operations["AllianceController_optOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-series/{id}/opt-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A member city takes its place in the rotation again */
        post: operations["AllianceController_optIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-series/{id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create the series’ next session: the next city in the rotation hosts it (the platform or that city creates it); the other members are invited to co-host */
        post: operations["AllianceController_createSeriesSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Referrals into and out of my city (the platform: all) */
        get: operations["AllianceController_listReferrals"];
        put?: never;
        /** Refer a project of my city to another G60 city, for one of its sessions or its next one */
        post: operations["AllianceController_refer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-referrals/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The receiving city accepts: the project becomes schedulable in its session(s) */
        post: operations["AllianceController_acceptReferral"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-referrals/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The receiving city declines, with the reason */
        post: operations["AllianceController_declineReferral"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-referrals/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The referring city withdraws a referral nobody has answered */
        post: operations["AllianceController_withdrawReferral"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roadshow-city-projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Projects my city may schedule and refer: its own screened ones and those it accepted from other cities */
        get: operations["AllianceController_cityProjects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        DemoLoginDto: {
            /** @enum {string} */
            role: "enterprise_user" | "provider_user" | "reviewer" | "approver" | "finance" | "partner_admin" | "investor" | "platform_admin" | "roadshow_organiser";
            email: string;
            organization: string;
            password: string;
        };
        LoginDto: {
            /**
             * Format: email
             * @example enterprise@demo.g60.cn
             */
            email: string;
            /** @example Demo#2026 */
            password: string;
        };
        TokenPairDto: {
            accessToken: string;
            refreshToken: string;
            /** @description Access token lifetime in seconds */
            expiresIn: number;
            /** @example Bearer */
            tokenType: string;
        };
        RefreshDto: {
            /** @description The refresh token from login or the previous refresh */
            refreshToken: string;
        };
        ChangePasswordDto: {
            /** @description The password in use now */
            currentPassword: string;
            /** @description At least 10 characters with a letter and a digit; not the current one */
            newPassword: string;
        };
        ForgotPasswordDto: {
            /**
             * Format: email
             * @description The account e-mail; the answer is the same whether or not it has an account
             * @example li.na@example.com
             */
            email: string;
        };
        CompletePasswordResetDto: {
            /** @description The one-time reset token: from the e-mailed link, or handed over by a platform admin */
            token: string;
            /** @description At least 10 characters with a letter and a digit */
            newPassword: string;
        };
        PasswordResetIssuedDto: {
            userId: string;
            /** @description One-time token; hand it to the user out of band. Shown only in this answer. */
            resetToken: string;
            expiresAt: string;
        };
        MePreferencesDto: {
            /**
             * @description 简体中文 (zh-CN), 繁體中文 (zh-Hant) or English (en)
             * @enum {string}
             */
            locale?: "zh-CN" | "zh-Hant" | "en";
            /** @description Elder mode (适老化, docs/accessibility.md) */
            elderMode?: boolean;
        };
        MePreferencesAnswerDto: {
            /** @enum {string|null} */
            locale: "zh-CN" | "zh-Hant" | "en" | null;
            elderMode: boolean | null;
        };
        MeUserDto: {
            id: string;
            email: string;
            displayName: string;
            /** @enum {string} */
            role: "enterprise_user" | "provider_user" | "reviewer" | "approver" | "finance" | "partner_admin" | "investor" | "platform_admin" | "roadshow_organiser";
            isOrgAdmin: boolean;
            /**
             * @description The language the user chose in the portal; null until they choose
             * @enum {string|null}
             */
            locale: "zh-CN" | "zh-Hant" | "en" | null;
            /** @description Elder mode (适老化: larger text, more contrast, larger targets); null until the user chooses */
            elderMode: boolean | null;
        };
        MeOrganizationDto: {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "enterprise" | "provider" | "investor" | "agency" | "team";
            regionCode: string;
            uscc: string | null;
            admissionStatus: string | null;
        };
        MeDto: {
            user: components["schemas"]["MeUserDto"];
            organization: components["schemas"]["MeOrganizationDto"];
            /** @description Regions this user acts for (own region and the regions under it) */
            regionScope: string[];
        };
        SsoOptionsDto: {
            /** @description Whether single sign-on is configured (OIDC_ISSUER …) */
            enabled: boolean;
            /** @description The provider’s name for the login button (OIDC_DISPLAY_NAME) */
            displayName: string | null;
        };
        SsoTicketDto: {
            /** @description The one-time ticket the callback put in the portal’s /login#sso=… address */
            ticket: string;
        };
        CreateApiKeyDto: {
            /** @description Who the key is for, e.g. 中国浙江网上技术市场3.0 */
            name: string;
            /** @description What the key may read; no scope writes */
            scopes: ("catalog:read" | "roadshows:read")[];
            /** @description Requests per minute (default API_KEY_RATE_LIMIT_PER_MINUTE) */
            rateLimitPerMinute?: number;
        };
        ApiKeyCreatedDto: {
            id: string;
            name: string;
            /** @description The first characters of the key, to recognise it (the key itself is never shown again) */
            prefix: string;
            scopes: ("catalog:read" | "roadshows:read")[];
            rateLimitPerMinute: number;
            createdAt: string;
            lastUsedAt: string | null;
            revokedAt: string | null;
            /** @description The key, shown this once: send it as X-Api-Key or Authorization: ApiKey <key> */
            key: string;
        };
        ApiKeyDto: {
            id: string;
            name: string;
            /** @description The first characters of the key, to recognise it (the key itself is never shown again) */
            prefix: string;
            scopes: ("catalog:read" | "roadshows:read")[];
            rateLimitPerMinute: number;
            createdAt: string;
            lastUsedAt: string | null;
            revokedAt: string | null;
        };
        AuditEventDto: {
            /** @description Insertion order; the list is newest first by id */
            id: number;
            /** @description Place in the hash chain; null until the sealer has chained the event (normally within a second) */
            seq: number | null;
            occurredAt: string;
            actorUserId: string | null;
            actorRole: string | null;
            actorOrganizationId: string | null;
            organizationId: string | null;
            regionCode: string | null;
            action: string;
            subjectType: string;
            subjectId: string;
            before: Record<string, unknown> | null;
            after: Record<string, unknown> | null;
            requestId: string | null;
            /** @description Null until sealed */
            hash: string | null;
        };
        AuditPageDto: {
            items: components["schemas"]["AuditEventDto"][];
            /** @description Pass as beforeId for the next page */
            nextBeforeId: number | null;
            /**
             * @deprecated
             * @description The seq of the page’s last event when there is a next page (null when that event is not sealed yet); page with nextBeforeId
             */
            nextBeforeSeq: number | null;
        };
        AuditUnsealedDto: {
            /** @description Events written but not chained yet (their writer, or an older transaction, is still running) */
            count: number;
            /** @description Milliseconds since the oldest of them was written */
            oldestAgeMs: number | null;
        };
        AuditVerificationDto: {
            ok: boolean;
            checked: number;
            headSeq: number | null;
            /** @description Each broken link: seq and what is wrong */
            problems: Record<string, unknown>[];
            /** @description Counted, not verified, and not a problem */
            unsealed: components["schemas"]["AuditUnsealedDto"];
        };
        JobSummaryDto: {
            id: string;
            name: string;
            queue: string;
            state: string;
            attemptsMade: number;
            failedReason: string | null;
            data: Record<string, unknown>;
            timestamp: string | null;
            finishedOn: string | null;
        };
        DiscardJobDto: {
            /** @description Why this job will never be run (kept on the outbox row) */
            reason: string;
        };
        NotificationChannelsDto: {
            /** @description E-mail is configured on this platform */
            email: boolean;
            /** @description SMS is configured on this platform */
            sms: boolean;
        };
        NotificationChannelChoiceDto: {
            /**
             * @description What the notifications are about (docs/domain.md, "Messages that reach people")
             * @enum {string}
             */
            kind: "approval_tasks" | "approval_outcomes" | "vouchers_and_money" | "organization" | "roadshows" | "other";
            /** @description Also by e-mail */
            email: boolean;
            /** @description Also by SMS (needs a phone number on file) */
            sms: boolean;
        };
        NotificationPreferencesDto: {
            /** @description The address e-mails go to (the account e-mail) */
            email: string;
            phone: string | null;
            available: components["schemas"]["NotificationChannelsDto"];
            /** @description Every category; in-app delivery is always on */
            kinds: components["schemas"]["NotificationChannelChoiceDto"][];
        };
        UpdateNotificationPreferencesDto: {
            /**
             * @description Mobile number for SMS, digits with an optional leading +
             * @example +8613800000000
             */
            phone?: string | null;
            kinds?: components["schemas"]["NotificationChannelChoiceDto"][];
        };
        MessageDeliveryDto: {
            id: string;
            /** @enum {string} */
            channel: "email" | "sms";
            /** @description The notification kind, or account.invitation / account.password_reset */
            kind: string;
            /** @description E-mail address; an SMS number shows only its last four digits */
            recipient: string;
            /** @enum {string} */
            status: "pending" | "sending" | "sent" | "failed";
            attempts: number;
            lastError: string | null;
            createdAt: string;
            sentAt: string | null;
            failedAt: string | null;
        };
        TaskDto: {
            id: string;
            caseId: string;
            caseTitle: string;
            /** @description The title's values (numbers and names), worded with caseTitle.<subjectType> in the reader's language; null on cases opened before they existed */
            caseTitleParams: {
                [key: string]: string;
            } | null;
            subjectType: string;
            subjectId: string;
            revision: number;
            stageIndex: number;
            stageKey: string;
            stageName: string;
            /** @description The stage's English name when its definition had one */
            stageNameEn: string | null;
            /** @enum {string} */
            kind: "review" | "objection_review";
            deciderRoles: string[];
            regionCode: string | null;
            requiredApprovals: number;
            approvals: number;
            status: string;
            claimedBy: string | null;
            dueAt: string | null;
            overdue: boolean;
            escalatedToRole: string | null;
            amountFen: number | null;
            createdAt: string;
            decidedAt: string | null;
        };
        BatchDecisionDto: {
            /** @enum {string} */
            decision: "approve" | "reject" | "return";
            /** @description Required when rejecting or returning */
            comment?: string;
            taskIds: string[];
        };
        BatchDecisionResultDto: {
            taskId: string;
            ok: boolean;
            status?: number;
            code?: string;
            message?: string;
        };
        DecisionDto: {
            /** @enum {string} */
            decision: "approve" | "reject" | "return";
            /** @description Required when rejecting or returning */
            comment?: string;
        };
        CaseDto: {
            id: string;
            title: string;
            /** @description The title's values (numbers and names), worded with caseTitle.<subjectType> in the reader's language; null on cases opened before they existed */
            titleParams: {
                [key: string]: string;
            } | null;
            definitionKey: string;
            definitionVersion: number;
            subjectType: string;
            subjectId: string;
            status: string;
            currentStage: number;
            currentStageKey: string | null;
            revision: number;
            outcome: string | null;
            outcomeAppliedAt: string | null;
            applicantOrgId: string | null;
            regionCode: string;
            amountFen: number | null;
            timerDueAt: string | null;
            createdAt: string;
            closedAt: string | null;
        };
        DecisionRecordDto: {
            taskId: string;
            revision: number;
            stageIndex: number;
            deciderUserId: string;
            decision: string;
            comment: string | null;
            at: string;
        };
        FindingReasonDto: {
            /**
             * @example annual_cap_exceeded
             * @enum {string}
             */
            code: "not_an_applicant" | "applicant_not_active" | "outside_issuing_region" | "no_tier" | "base_tier_only" | "tier_by_qualification" | "annual_cap_exceeded" | "per_application_cap_exceeded" | "programme_not_open" | "use_by_passed" | "other_applications_pending" | "budget_exhausted" | "no_tier_on_order_date" | "no_qualification_on_order_date" | "tier_on_order_date" | "voucher_holds_less" | "claim_exceeds_order_subsidy" | "group_claims_over_cap" | "related_same_controller" | "related_same_org_code" | "related_host" | "invoice_digits_match" | "provider_not_active" | "provider_not_recognised" | "ordered_after_use_by" | "delivered_after_redeem_by" | "claimed_after_redeem_by" | "uscc_invalid" | "accreditations_held" | "no_accreditation" | "duplicate_provider_name" | "region_not_served" | "no_certificate_file" | "qualification_expired" | "group_changed_since_request" | "group_members" | "group_empty" | "no_pitch_deck" | "team_members" | "no_team_members" | "outside_g60" | "project_withdrawn_by_enterprise" | "screening_case_withdrawn" | "resubmitted_after_changes" | "investor_met_team" | "scheduled_in_session" | "presented_at" | "coached_by" | "landed_in" | "qualification_verified" | "withdrawn_by_applicant";
            /**
             * @example {
             *       "scope": "enterprise",
             *       "capFen": 5000000
             *     }
             */
            params: {
                [key: string]: string | number;
            };
        };
        FindingDto: {
            check: string;
            /** @enum {string} */
            outcome: "pass" | "warn" | "fail";
            /** @description English wording, kept for API clients; read reasonCodes where given */
            reasons: string[];
            /** @description The reasons as codes (empty for checks that give text only, and for findings recorded before codes existed) */
            reasonCodes: components["schemas"]["FindingReasonDto"][];
            revision: number;
            stageIndex: number;
        };
        RevisionChangeDto: {
            /** @example amountFen */
            path: string;
            /** @description Any JSON value (null when the field was added) */
            before: Record<string, unknown> | null;
            /** @description Any JSON value (null when the field was removed) */
            after: Record<string, unknown> | null;
        };
        RevisionDto: {
            revision: number;
            snapshot: Record<string, unknown>;
            /** @description Fields changed since the previous revision */
            diff: components["schemas"]["RevisionChangeDto"][];
            note: string | null;
            createdAt: string;
        };
        TimelineEntryDto: {
            at: string;
            action: string;
            actorUserId: string | null;
            actorRole: string | null;
            details: Record<string, unknown> | null;
        };
        CaseDetailDto: {
            case: components["schemas"]["CaseDto"];
            tasks: components["schemas"]["TaskDto"][];
            decisions: components["schemas"]["DecisionRecordDto"][];
            findings: components["schemas"]["FindingDto"][];
            revisions: components["schemas"]["RevisionDto"][];
            timeline: components["schemas"]["TimelineEntryDto"][];
        };
        ResubmitDto: {
            /** @description What was changed */
            note?: string;
        };
        PublicNoticeDto: {
            caseId: string;
            providerId: string;
            providerName: string;
            regionCode: string;
            /** @description When the notice ends unless an objection stops it */
            noticeEndsAt: string | null;
        };
        ObjectionDto: {
            /** @description Why the public notice should not pass */
            reason: string;
        };
        ApprovalStageTimeDto: {
            definitionKey: string;
            stageKey: string;
            decided: number;
            avgSeconds: number;
            p90Seconds: number;
        };
        ApprovalMetricsDto: {
            /** @description {definitionKey: {status: count}} */
            casesByStatus: {
                [key: string]: {
                    [key: string]: number;
                };
            };
            openTasks: number;
            overdueTasks: number;
            /** @description Per stage: decided count, average and p90 seconds from task creation to decision */
            timeInStage: components["schemas"]["ApprovalStageTimeDto"][];
        };
        SlaDto: {
            durationSeconds: number;
            /** @example 0.5 */
            remindAtFraction: number;
            /** @enum {string} */
            escalateToRole?: "enterprise_user" | "provider_user" | "reviewer" | "approver" | "finance" | "partner_admin" | "investor" | "platform_admin" | "roadshow_organiser";
        };
        StageDto: {
            /** @example district_review */
            key: string;
            /** @example 区县科技局初审 */
            name: string;
            /**
             * @description English name, shown to English readers (the Chinese name where there is none)
             * @example District S&T bureau first review
             */
            nameEn?: string;
            /** @enum {string} */
            kind: "precheck" | "review" | "timer";
            deciderRoles?: ("enterprise_user" | "provider_user" | "reviewer" | "approver" | "finance" | "partner_admin" | "investor" | "platform_admin" | "roadshow_organiser")[];
            /** @enum {string} */
            regionScope?: "subject_district" | "subject_city" | "partner_region" | "platform";
            /** @description N-of-M: distinct approvals needed */
            requiredApprovals?: number;
            sla?: components["schemas"]["SlaDto"];
            /** @description Timer stages: duration in seconds */
            timerSeconds?: number;
            objectionsStop?: boolean;
        };
        DefinitionDto: {
            id: string;
            key: string;
            version: number;
            name: string;
            nameEn: string | null;
            subjectType: string;
            stages: components["schemas"]["StageDto"][];
            autoApproveBelowFen: number | null;
            isActive: boolean;
            createdAt: string;
        };
        CreateDefinitionDto: {
            /**
             * @description Publishing an existing key creates its next version
             * @example voucher_application
             */
            key: string;
            name: string;
            /**
             * @description English name, shown to English readers (the Chinese name where there is none)
             * @example Innovation voucher application approval
             */
            nameEn?: string;
            /** @example voucher_application */
            subjectType: string;
            stages: components["schemas"]["StageDto"][];
            /** @description Auto-approve below this amount (fen) when every pre-check passes */
            autoApproveBelowFen?: number | null;
        };
        NewOrganizationDto: {
            /** @example 嘉兴禾源新材料科技有限公司 */
            name: string;
            /**
             * @description 统一社会信用代码 (GB 32100-2015): required for enterprises, providers and investors; absent for an innovation team
             * @example 91330402MA2B3C4D5E
             */
            uscc?: string;
            /**
             * @description Region code (GET /api/v1/regions)
             * @example 330402
             */
            regionCode: string;
            contactName?: string;
            contactPhone?: string;
            /**
             * @description Providers only
             * @enum {string}
             */
            providerKind?: "university" | "institute" | "third_party_lab";
            /** @description Providers only */
            accreditations?: ("CMA" | "CNAS")[];
        };
        NewUserDto: {
            /** @description At least 10 characters with a letter and a digit */
            password: string;
            /**
             * Format: email
             * @example zhang.wei@example.cn
             */
            email: string;
            /** @example 张伟 */
            displayName: string;
        };
        InnovationTeamLeaderDto: {
            /** @example 王强 */
            name: string;
            /** @example 13800000000 */
            phone: string;
            /** @description Optional; only a masked form (first 6, last 4) is kept, never the number */
            idCardNumber?: string;
        };
        NewInnovationTeamMemberDto: {
            /** @example 李娜 */
            name: string;
            /**
             * @description Role or title in the team
             * @example 算法工程师
             */
            title?: string;
            /**
             * @description Phone or e-mail
             * @example 13800000000
             */
            contact?: string;
        };
        NewInnovationTeamDto: {
            leader: components["schemas"]["InnovationTeamLeaderDto"];
            members: components["schemas"]["NewInnovationTeamMemberDto"][];
            /** @description An active enterprise or provider hosting the team (GET /host-organizations), e.g. a university incubator */
            hostOrganizationId?: string;
        };
        RegisterDto: {
            /** @enum {string} */
            kind: "enterprise" | "provider" | "investor" | "team";
            organization: components["schemas"]["NewOrganizationDto"];
            user: components["schemas"]["NewUserDto"];
            /** @description Innovation teams (kind team) only: leader, members, host organisation */
            team?: components["schemas"]["NewInnovationTeamDto"];
        };
        QualificationCertificateDto: {
            fileName: string;
            /** @enum {string} */
            contentType: "application/pdf" | "image/png" | "image/jpeg";
            sizeBytes: number;
            sha256: string;
        };
        QualificationDto: {
            id: string;
            /** @description The enterprise holding it */
            organizationId: string;
            /** @description Qualification kind code (GET /qualification-kinds) */
            kind: string;
            certificateNo: string;
            /** @example 2026-01-01 */
            validFrom: string;
            /** @example 2028-12-31 */
            validTo: string;
            /** @description 发证机关; null on declarations made before verification existed */
            issuer: string | null;
            /**
             * @description Only verified qualifications valid on the day count for a tier
             * @enum {string}
             */
            status: "declared" | "in_review" | "verified" | "rejected" | "revoked" | "withdrawn";
            decidedAt: string | null;
            /** @description The bureau’s reason for a rejection, return or revocation */
            decisionReason: string | null;
            /** @description The reason as a code when the workflow wrote it (verified); null for a decider’s own words */
            decisionReasonCode: components["schemas"]["FindingReasonDto"] | null;
            revokedAt: string | null;
            certificate: components["schemas"]["QualificationCertificateDto"] | null;
            version: number;
        };
        OrganizationDto: {
            id: string;
            /**
             * @description team: an innovation team or individual founder (创新团队), which applies like an enterprise
             * @enum {string}
             */
            kind: "enterprise" | "provider" | "investor" | "agency" | "team";
            name: string;
            uscc: string | null;
            regionCode: string;
            status: string;
            admissionStatus: string | null;
            /** @enum {string|null} */
            providerKind: "university" | "institute" | "third_party_lab" | null;
            accreditations: ("CMA" | "CNAS")[];
            agencyLevel: string | null;
            controllerGroupId: string | null;
            /** @description Innovation teams only: the hosting enterprise or provider */
            hostOrganizationId: string | null;
            publicNoticeEndsAt: string | null;
            qualifications: components["schemas"]["QualificationDto"][];
            /** @description Optimistic-lock version; send it back as expectedVersion */
            version: number;
            createdAt: string;
        };
        RegisteredUserDto: {
            id: string;
            email: string;
            displayName: string;
            /** @enum {string} */
            role: "enterprise_user" | "provider_user" | "reviewer" | "approver" | "finance" | "partner_admin" | "investor" | "platform_admin" | "roadshow_organiser";
            isOrgAdmin: boolean;
        };
        RegistrationResultDto: {
            organization: components["schemas"]["OrganizationDto"];
            user: components["schemas"]["RegisteredUserDto"];
        };
        AcceptInvitationDto: {
            /** @description At least 10 characters with a letter and a digit */
            password: string;
            /** @description The token from the invitation */
            token: string;
            /** @example 李娜 */
            displayName: string;
        };
        UpdateProfileDto: {
            /** @description Only before admission, or for enterprises */
            name?: string;
            contactName?: string;
            contactPhone?: string;
            /** @enum {string} */
            providerKind?: "university" | "institute" | "third_party_lab";
            accreditations?: ("CMA" | "CNAS")[];
        };
        CreateInvitationDto: {
            email: string;
            /**
             * @description Defaults to the organisation kind’s user role
             * @enum {string}
             */
            role?: "enterprise_user" | "provider_user" | "reviewer" | "approver" | "finance" | "partner_admin" | "investor" | "platform_admin" | "roadshow_organiser";
            /** @default false */
            isOrgAdmin: boolean;
        };
        InvitationDto: {
            id: string;
            organizationId: string;
            email: string;
            /** @enum {string} */
            role: "enterprise_user" | "provider_user" | "reviewer" | "approver" | "finance" | "partner_admin" | "investor" | "platform_admin" | "roadshow_organiser";
            expiresAt: string;
            /** @description Give this to the invitee; it is shown only once */
            token: string;
        };
        AdmissionTransitionDto: {
            /**
             * @description Admission itself runs through the provider_admission workflow
             * @enum {string}
             */
            action: "suspend" | "reinstate" | "revoke";
            /** @description Reason, shown in the audit trail */
            comment?: string;
            /** @description Optimistic lock: the version you saw */
            expectedVersion?: number;
        };
        CreateAgencyDto: {
            /** @example 南湖区科学技术局 */
            name: string;
            /** @example 330402 */
            regionCode: string;
            /**
             * @description roadshow: a G60 city’s roadshow organiser organisation (its region is the city)
             * @enum {string}
             */
            agencyLevel: "district" | "city" | "partner" | "platform" | "roadshow";
        };
        RegionDto: {
            /** @description GB/T 2260 code, 6 digits */
            code: string;
            name: string;
            nameEn: string;
            /** @enum {string} */
            kind: "province" | "municipality" | "city" | "district" | "county";
            /** @description The division it lies in (a city’s province, a district’s city); null for a province */
            parentCode: string | null;
            isG60: boolean;
            isPartner: boolean;
            /** @description Its science bureau issues voucher programmes */
            issuing: boolean;
        };
        CreateRegionDto: {
            /**
             * @description GB/T 2260 code, 6 digits, not yet in the list
             * @example 330483
             */
            code: string;
            /** @example 桐乡市 */
            name: string;
            /** @description Defaults to the Chinese name */
            nameEn?: string;
            /** @enum {string} */
            kind: "province" | "municipality" | "city" | "district" | "county";
            /** @description Required except for a province or municipality */
            parentCode?: string | null;
            /** @default false */
            issuing: boolean;
            /** @default false */
            isG60: boolean;
            /** @default false */
            isPartner: boolean;
        };
        UpdateRegionDto: {
            nameEn?: string;
            /** @description Its science bureau issues voucher programmes (not a province) */
            issuing?: boolean;
            isG60?: boolean;
            isPartner?: boolean;
        };
        UserSummaryDto: {
            id: string;
            email: string;
            displayName: string;
            /** @enum {string} */
            role: "enterprise_user" | "provider_user" | "reviewer" | "approver" | "finance" | "partner_admin" | "investor" | "platform_admin" | "roadshow_organiser";
            isOrgAdmin: boolean;
            /** @enum {string} */
            status: "active" | "disabled";
            /** @description A platform admin forced a password reset; sign-in is refused until the user sets a new password with the reset token */
            credentialResetPending: boolean;
            organizationId: string;
            organizationName: string;
            /** @description The organisation’s region */
            regionCode: string;
            createdAt: string;
            /** @description When the user last signed in (started a session); null if never */
            lastLoginAt: string | null;
        };
        UserPageDto: {
            items: components["schemas"]["UserSummaryDto"][];
            /** @description Matching users on all pages */
            total: number;
        };
        DeclareQualificationDto: {
            /** @description A qualification kind code (GET /qualification-kinds): tech_sme, high_tech, specialised_sme, little_giant, … */
            kind: string;
            certificateNo: string;
            /** @description 发证机关, e.g. 浙江省科学技术厅 */
            issuer: string;
            /** @example 2026-01-01 */
            validFrom: string;
            /** @example 2028-12-31 */
            validTo: string;
        };
        QualificationKindDto: {
            /** @example little_giant */
            code: string;
            /** @example 科技小巨人企业 */
            nameZh: string;
            /** @example Tech little giant */
            nameEn: string;
        };
        RevokeQualificationDto: {
            /** @description Why the bureau revokes a verified qualification (shown to the enterprise, kept in the audit trail) */
            reason: string;
        };
        ControllerGroupDto: {
            id: string;
            name: string;
            /** @description 实际控制人 */
            controllerName: string;
            /** @description The bureau region that created it (null: created before bureaus owned groups) */
            regionCode: string | null;
            /** @description Members the caller can see */
            memberCount: number;
            createdAt: string;
        };
        CreateControllerGroupDto: {
            /** @example 禾源控股集团 */
            name: string;
            /**
             * @description 实际控制人
             * @example 王建国
             */
            controllerName: string;
        };
        ControllerGroupMemberDto: {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "enterprise" | "provider";
            uscc: string | null;
            regionCode: string;
        };
        ControllerGroupDetailDto: {
            id: string;
            name: string;
            /** @description 实际控制人 */
            controllerName: string;
            /** @description The bureau region that created it (null: created before bureaus owned groups) */
            regionCode: string | null;
            /** @description Members the caller can see */
            memberCount: number;
            createdAt: string;
            /** @description Members inside the caller’s region scope */
            members: components["schemas"]["ControllerGroupMemberDto"][];
            /** @description Members outside the caller’s region scope (counted, not shown) */
            membersOutsideScope: number;
        };
        LinkControllerGroupDto: {
            /** @description The group, or null to unlink (the key is required) */
            controllerGroupId: string | null;
        };
        CreateChangeRequestDto: {
            /**
             * @description join an existing group, leave the current one, or declare a new group
             * @enum {string}
             */
            action: "join" | "leave" | "create";
            /** @description join: the group to join (as given by the bureau) */
            controllerGroupId?: string;
            /**
             * @description create: the new group’s name
             * @example 禾源控股集团
             */
            newGroupName?: string;
            /**
             * @description create: the actual controller (实际控制人)
             * @example 王建国
             */
            newControllerName?: string;
            /** @description The enterprise’s statement of who controls it (情况说明) */
            statement: string;
            /** @description References of the supporting documents (business registration extract, shareholder register, …), 1 to 10 */
            documentRefs: string[];
        };
        ChangeRequestDto: {
            id: string;
            enterpriseId: string;
            /** @enum {string} */
            action: "join" | "leave" | "create";
            fromGroupId: string | null;
            targetGroupId: string | null;
            newGroupName: string | null;
            newControllerName: string | null;
            statement: string;
            documentRefs: string[];
            /** @enum {string} */
            status: "submitted" | "in_review" | "returned" | "approved" | "rejected" | "withdrawn";
            decisionReason: string | null;
            /** @description The reason as a code when the workflow wrote it (withdrawn by the applicant); null for a decider’s own words */
            decisionReasonCode: components["schemas"]["FindingReasonDto"] | null;
            resultingGroupId: string | null;
            /** @description Names of the groups above, for display */
            fromGroupName: string | null;
            targetGroupName: string | null;
            resultingGroupName: string | null;
            caseId: string | null;
            createdAt: string;
            decidedAt: string | null;
        };
        HostOrganizationDto: {
            id: string;
            name: string;
            /** @enum {string} */
            kind: "enterprise" | "provider";
            regionCode: string;
        };
        InnovationTeamMemberDto: {
            id: string;
            name: string;
            title: string | null;
            contact: string | null;
            /** @description The team leader: the registering user; not removable */
            isLeader: boolean;
            /** @description Leader only, masked (330402********123X) */
            idCardMasked: string | null;
            createdAt: string;
        };
        InnovationTeamMembersDto: {
            organizationId: string;
            hostOrganizationId: string | null;
            /** @description The hosting organisation as the registration form showed it */
            host: components["schemas"]["HostOrganizationDto"] | null;
            /** @description The leader first, then members in the order they joined */
            members: components["schemas"]["InnovationTeamMemberDto"][];
        };
        NotificationDto: {
            id: string;
            /** @description A stable code (packages/shared/notification-kinds.ts): the portal words title and body from it and params */
            kind: string;
            /** @description As written by the server, in 简体中文 (kept for API clients and e-mail) */
            title: string;
            /** @description As written by the server, in 简体中文 */
            body: string;
            /** @description The data the words are made of: numbers, codes, names, dates, money in integer fen (`*Fen`); null on notifications written before params existed */
            params: {
                [key: string]: unknown;
            } | null;
            subjectType: string | null;
            subjectId: string | null;
            createdAt: string;
            readAt: string | null;
        };
        NotificationInboxDto: {
            items: components["schemas"]["NotificationDto"][];
            unreadCount: number;
        };
        MarkAllReadResultDto: {
            /** @description How many notifications this marked read */
            updated: number;
        };
        ServiceCategoryDto: {
            /** @example analysis */
            code: string;
            /** @example 分析测试 */
            name: string;
            /** @example Analysis */
            nameEn: string;
        };
        CatalogServiceDto: {
            id: string;
            providerId: string;
            /** @example 上海谱瑞分析测试技术有限公司 */
            providerName: string;
            /**
             * @description The provider’s own item code, unique per provider
             * @example XRF-001
             */
            code: string;
            /** @example X射线荧光光谱分析 */
            name: string;
            /**
             * @description GET /api/v1/catalog/categories
             * @example analysis
             */
            category: string;
            /** @description Unit price in fen (分) */
            unitPriceFen: number;
            /** @example 样品 */
            unit: string;
            leadTimeDays: number;
            instrumentName: string | null;
            instrumentModel: string | null;
            description: string | null;
            /** @description The provider’s region */
            regionCode: string;
            /** @enum {string} */
            status: "active" | "withdrawn";
            /** @description Optimistic-lock version; send it back as expectedVersion */
            version: number;
            createdAt: string;
            updatedAt: string;
            /** @description How many ratings (评价) the service has */
            ratingCount: number;
            /** @description Average score 1–5, rounded to one decimal; null without ratings */
            ratingAverage: number | null;
        };
        SearchFacetCountDto: {
            /** @description Category code, region code or provider id */
            value: string;
            /** @description The provider’s name (provider facet only) */
            label?: string;
            /** @description Matches with this value; rounded to two significant digits when the facets are approximate */
            count: number;
        };
        CatalogSearchFacetsDto: {
            /** @description Counts estimated from a sample of the matches (large result sets) rather than counted */
            approximate: boolean;
            /** @description By category, most matches first */
            category: components["schemas"]["SearchFacetCountDto"][];
            /** @description By the provider’s region, most matches first */
            region: components["schemas"]["SearchFacetCountDto"][];
            /** @description The providers with most matches (at most 10) */
            provider: components["schemas"]["SearchFacetCountDto"][];
        };
        CatalogSearchResultDto: {
            items: components["schemas"]["CatalogServiceDto"][];
            limit: number;
            offset: number;
            /** @description Another page follows */
            hasMore: boolean;
            /** @description Pass as cursor for the next page; null on the last page */
            nextCursor: string | null;
            /** @description Matches of the whole search (all pages); an estimate, rounded to two significant digits, when totalApproximate */
            total: number;
            /** @description total is an estimate ("about 26,000 results") */
            totalApproximate: boolean;
            facets: components["schemas"]["CatalogSearchFacetsDto"];
        };
        CreateCatalogServiceDto: {
            /** @example XRF-001 */
            code: string;
            /** @example X射线荧光光谱分析 */
            name: string;
            /** @example analysis */
            category: string;
            /** @description Unit price in fen (分), integer > 0 */
            unitPriceFen: number;
            /** @example 样品 */
            unit: string;
            /** @example 5 */
            leadTimeDays: number;
            /** @example X射线荧光光谱仪 */
            instrumentName?: string;
            /** @example ZSX Primus IV */
            instrumentModel?: string;
            description?: string;
        };
        UpdateCatalogServiceDto: {
            name?: string;
            category?: string;
            /** @description Unit price in fen (分), integer > 0 */
            unitPriceFen?: number;
            unit?: string;
            leadTimeDays?: number;
            instrumentName?: string | null;
            instrumentModel?: string | null;
            description?: string | null;
            /** @description Optimistic lock: the version you saw */
            expectedVersion?: number;
        };
        CatalogImportDto: {
            id: string;
            /**
             * @description The phase: uploading (the API streams the file into staging), queued, validating, merging (batches commit one after another), then completed; rejected (invalid rows and invalidRows = reject: nothing merged) or failed (errorMessage says how far a merge got)
             * @enum {string}
             */
            status: "uploading" | "queued" | "validating" | "merging" | "completed" | "rejected" | "failed";
            /** @enum {string} */
            format: "csv" | "xlsx";
            /**
             * @description reject: any invalid row rejects the whole file; skip: valid rows are merged, invalid ones reported
             * @enum {string}
             */
            invalidRows: "reject" | "skip";
            /** @description Listed services of the file’s providers that the file does not name are withdrawn */
            withdrawMissing: boolean;
            /** @description Data rows received so far */
            rowsTotal: number;
            /** @description Known once validated */
            rowsValid: number;
            /** @description Rows with at least one problem (known once validated) */
            rowsInvalid: number;
            /** @description Valid rows merged so far */
            rowsMerged: number;
            /** @description New services */
            rowsInserted: number;
            /** @description Existing services changed (or listed again) */
            rowsUpdated: number;
            /** @description Rows equal to their service: nothing written */
            rowsUnchanged: number;
            /** @description Of the unchanged rows, those of providers whose rows were exactly what the catalogue held for them since their last import (no change by any route since): taken as unchanged without staging or checking them again (docs/catalog-search.md, "Provider marks") */
            rowsSkipped: number;
            /** @description Services withdrawn because the file no longer names them (withdrawMissing) */
            rowsWithdrawn: number;
            /** @description Admitted providers created by a partner admin’s import */
            providersCreated: number;
            /** @description Bytes of the file received so far */
            bytes: number;
            errorMessage: string | null;
            startedAt: string;
            updatedAt: string;
            finishedAt: string | null;
        };
        CatalogImportErrorDto: {
            /** @description The row a spreadsheet shows the record on (the header is row 1) */
            rowNumber: number;
            /**
             * @description Column, or "row" for the record as a whole
             * @example unit_price_fen
             */
            field: string;
            message: string;
        };
        CatalogImportChangeCountsDto: {
            added: number;
            changed: number;
            withdrawn: number;
            unchanged: number;
        };
        CatalogImportChangeDto: {
            /** @enum {string} */
            kind: "added" | "changed" | "withdrawn" | "unchanged";
            serviceId: string;
            /** @description The file’s row (null for a withdrawn service, which the file does not name) */
            rowNumber: number | null;
            providerId: string;
            providerName: string;
            code: string;
            /** @description The service’s name now */
            name: string;
            unitPriceFen: number;
            /** @enum {string} */
            status: "active" | "withdrawn";
        };
        CatalogImportChangesDto: {
            /** @description Counts of every kind, for the whole import */
            counts: components["schemas"]["CatalogImportChangeCountsDto"];
            items: components["schemas"]["CatalogImportChangeDto"][];
            /** @description More of this kind after this page */
            hasMore: boolean;
        };
        CreateRecognitionAgreementDto: {
            /** @example 嘉兴—上海创新券互认互通协议（2026） */
            name: string;
            /**
             * @description First day in force (Asia/Shanghai calendar day)
             * @example 2026-01-01
             */
            effectiveFrom: string;
            /**
             * @description Last day in force; omit for open-ended
             * @example 2026-12-31
             */
            effectiveTo?: string;
            /** @description Replaces the programme’s subsidy ratio, in basis points (5000 = 50%) */
            ratioOverrideBp?: number;
            /** @description Extra cap on the subsidy of one order, in fen */
            perOrderCapFen?: number;
            /**
             * @description The city whose vouchers pay (a top-level region)
             * @example 330400
             */
            issuingRegionCode: string;
            /**
             * @description The region whose providers are recognised
             * @example 310000
             */
            partnerRegionCode: string;
        };
        AgreementProviderDto: {
            providerId: string;
            name: string;
            regionCode: string;
            /** @description Empty: every service of the provider is recognised */
            serviceIds: string[];
        };
        AgreementSignatureDto: {
            /** @enum {string} */
            side: "issuing" | "partner";
            regionCode: string;
            signedBy: string;
            signerName: string;
            signerRole: string;
            termsHash: string;
            signedAt: string;
            /** @description Set when the terms changed after this signature */
            voidedAt: string | null;
            voidReason: string | null;
        };
        AgreementVersionDto: {
            id: string;
            versionNo: number;
            status: string;
            effectiveFrom: string;
            effectiveTo: string | null;
            supersededOn: string | null;
            terminatedOn: string | null;
        };
        RecognitionAgreementDetailDto: {
            id: string;
            issuingRegionCode: string;
            partnerRegionCode: string;
            name: string;
            effectiveFrom: string;
            effectiveTo: string | null;
            ratioOverrideBp: number | null;
            /** @description fen */
            perOrderCapFen: number | null;
            /** @enum {string} */
            status: "draft" | "partially_signed" | "in_force" | "superseded" | "terminated" | "withdrawn";
            /** @description First day no longer in force */
            terminatedOn: string | null;
            /** @description First day on which the next version applies instead */
            supersededOn: string | null;
            /** @description In force on today’s Asia/Shanghai date */
            inForceToday: boolean;
            /** @description Shared by every version of the agreement (the first version’s id) */
            lineageId: string;
            /** @description 1 for the original, then one more per amendment */
            versionNo: number;
            /** @description The version this one amends */
            supersedesId: string | null;
            /** @description Fingerprint of the exact terms; a signature names the hash it signed */
            termsHash: string;
            /** @description When the second signature brought it into force */
            inForceSince: string | null;
            /** @description In force before signatures were required (carried over by the migration) */
            migrated: boolean;
            providerCount: number;
            serviceCount: number;
            version: number;
            createdAt: string;
            providers: components["schemas"]["AgreementProviderDto"][];
            /** @description Every signature of this version, voided ones included */
            signatures: components["schemas"]["AgreementSignatureDto"][];
            /** @description Every version of the agreement, oldest first */
            versions: components["schemas"]["AgreementVersionDto"][];
            /**
             * @description The side the reader signs for, if any
             * @enum {string|null}
             */
            mySide: "issuing" | "partner" | null;
        };
        RecognitionAgreementDto: {
            id: string;
            issuingRegionCode: string;
            partnerRegionCode: string;
            name: string;
            effectiveFrom: string;
            effectiveTo: string | null;
            ratioOverrideBp: number | null;
            /** @description fen */
            perOrderCapFen: number | null;
            /** @enum {string} */
            status: "draft" | "partially_signed" | "in_force" | "superseded" | "terminated" | "withdrawn";
            /** @description First day no longer in force */
            terminatedOn: string | null;
            /** @description First day on which the next version applies instead */
            supersededOn: string | null;
            /** @description In force on today’s Asia/Shanghai date */
            inForceToday: boolean;
            /** @description Shared by every version of the agreement (the first version’s id) */
            lineageId: string;
            /** @description 1 for the original, then one more per amendment */
            versionNo: number;
            /** @description The version this one amends */
            supersedesId: string | null;
            /** @description Fingerprint of the exact terms; a signature names the hash it signed */
            termsHash: string;
            /** @description When the second signature brought it into force */
            inForceSince: string | null;
            /** @description In force before signatures were required (carried over by the migration) */
            migrated: boolean;
            providerCount: number;
            serviceCount: number;
            version: number;
            createdAt: string;
        };
        UpdateRecognitionAgreementDto: {
            /** @example 嘉兴—上海创新券互认互通协议（2026） */
            name: string;
            /**
             * @description First day in force (Asia/Shanghai calendar day)
             * @example 2026-01-01
             */
            effectiveFrom: string;
            /**
             * @description Last day in force; omit for open-ended
             * @example 2026-12-31
             */
            effectiveTo?: string;
            /** @description Replaces the programme’s subsidy ratio, in basis points (5000 = 50%) */
            ratioOverrideBp?: number;
            /** @description Extra cap on the subsidy of one order, in fen */
            perOrderCapFen?: number;
        };
        SignAgreementDto: {
            /**
             * @description The termsHash of the version as the signer read it; a signature binds exactly these terms
             * @example e3b0c442…
             */
            termsHash: string;
        };
        AmendAgreementDto: {
            /**
             * @description First day of the new version (not before today, Asia/Shanghai); the current version ends the day before once the new one is signed by both sides
             * @example 2026-07-01
             */
            effectiveFrom: string;
        };
        TerminateAgreementDto: {
            /** @description Reason, kept in the audit trail */
            reason?: string;
        };
        AddAgreementProvidersDto: {
            /** @description Providers of the partner region */
            providerIds: string[];
        };
        AddAgreementServicesDto: {
            /** @description Services of partner-region providers; their providers are listed too. A provider with listed services is recognised for those only */
            serviceIds: string[];
        };
        FourEyesPersonDto: {
            id: string;
            displayName: string;
        };
        FourEyesRequestDto: {
            id: string;
            /** @enum {string} */
            kind: "voucher_revocation" | "claim_claw_back";
            /** @description The voucher or claim */
            subjectId: string;
            /** @description Its number (券号 / 兑付单号) */
            subjectNumber: string;
            programId: string;
            /** @description The paying (issuing) region */
            regionCode: string;
            /** @description Roles whose holders in the paying region may confirm */
            deciderRoles: string[];
            /** @description Money the action moves, in fen, when requested */
            amountFen: number;
            reason: string;
            /** @enum {string} */
            status: "pending" | "confirmed" | "cancelled";
            requestedBy: components["schemas"]["FourEyesPersonDto"];
            requestedAt: string;
            decidedBy: components["schemas"]["FourEyesPersonDto"] | null;
            decidedAt: string | null;
            decisionNote: string | null;
            version: number;
        };
        FourEyesDecisionDto: {
            /** @description Why it was confirmed or cancelled */
            note?: string;
        };
        PolicyTierDto: {
            /**
             * @description Stable code of the tier within the programme
             * @example priority
             */
            code: string;
            /** @example 重点企业 */
            nameZh: string;
            /** @example Priority enterprise */
            nameEn: string;
            /** @description Basis points of the order amount (5000 = 50 %) */
            ratioBp: number;
            /** @description Verified qualification kinds (GET /qualification-kinds), any one of which selects the tier; empty: every applicant */
            qualifications: string[];
            /** @description Applicant kinds the tier is for; absent or empty: every kind */
            applicantKinds?: ("enterprise" | "team")[];
        };
        TierRatiosDto: {
            /** @description Basis points (5000 = 50%) for enterprises without a listed tier */
            default: number;
            /** @description 科技型中小企业 */
            tech_sme?: number;
            /** @description 专精特新 */
            specialised_sme?: number;
            /** @description 高新技术企业 */
            high_tech?: number;
        };
        CreateProgramDto: {
            /** @description The programme’s tiers; the most favourable that applies wins */
            tiers?: components["schemas"]["PolicyTierDto"][];
            /** @description Shorthand for tiers named default / tech_sme / specialised_sme / high_tech */
            ratioBpByTier?: components["schemas"]["TierRatiosDto"];
            /** @description Most one application (and so one voucher) may be worth; null or absent: no cap */
            perApplicationCapFen?: number | null;
            /** @description Cap per enterprise per programme year; null or absent: no cap */
            annualCapEnterpriseFen?: number | null;
            /** @description Cap per innovation team per programme year; null or absent: no cap */
            annualCapTeamFen?: number | null;
            /** @description Cap per actual-controller group (同一实际控制人) per programme year; null or absent: no cap */
            annualCapGroupFen?: number | null;
            /** @description Orders under this amount are covered in full (still within caps); null or absent: none */
            fullCoverageThresholdFen?: number | null;
            /**
             * @description How the threshold is written in the policy: below (低于) or at or below (不超过); default at_or_below
             * @enum {string}
             */
            fullCoverageComparison?: "below" | "at_or_below";
            /**
             * @description First day applications are taken (Asia/Shanghai)
             * @example 2026-03-01
             */
            opensOn?: string | null;
            /**
             * @description Last day applications are taken (Asia/Shanghai)
             * @example 2026-11-30
             */
            closesOn?: string | null;
            /** @example 330400 */
            issuingRegionCode: string;
            /** @example 2026 */
            year: number;
            /** @example 2026年嘉兴市科技创新券 */
            name: string;
            /**
             * @description For English readers; without one, English pages show `name`
             * @example Jiaxing S&T Innovation Vouchers 2026
             */
            nameEn?: string;
            /** @example 2026-12-31 */
            useBy: string;
            /** @example 2027-03-31 */
            redeemBy: string;
            /**
             * @description 通兑: the provider claims; 通用: the enterprise pays in full and claims
             * @enum {string}
             */
            redemptionMode: "provider_redeems" | "enterprise_redeems";
            /** @enum {string} */
            settlementCycle: "monthly" | "quarterly";
            /** @description Total budget, fen */
            budgetFen: number;
        };
        FullCoverageDto: {
            thresholdFen: number;
            /** @enum {string} */
            comparison: "below" | "at_or_below";
        };
        PolicyDto: {
            tiers: components["schemas"]["PolicyTierDto"][];
            perApplicationCapFen: number | null;
            annualCapEnterpriseFen: number | null;
            annualCapTeamFen: number | null;
            annualCapGroupFen: number | null;
            fullCoverage: components["schemas"]["FullCoverageDto"] | null;
            opensOn: string | null;
            closesOn: string | null;
        };
        ProgramDto: {
            id: string;
            issuingRegionCode: string;
            year: number;
            name: string;
            /** @description For English readers; null: show `name` */
            nameEn: string | null;
            /** @description The version in effect today (Asia/Shanghai) */
            policyVersion: number;
            /** @description The newest version, possibly effective later */
            latestPolicyVersion: number;
            /** @description The rules in effect today */
            policy: components["schemas"]["PolicyDto"];
            /** @description Ratio of each tier of the policy in effect, by tier code */
            ratioBpByTier: {
                [key: string]: number;
            };
            perApplicationCapFen: number | null;
            annualCapEnterpriseFen: number | null;
            annualCapTeamFen: number | null;
            annualCapGroupFen: number | null;
            fullCoverageThresholdFen: number | null;
            /** @enum {string|null} */
            fullCoverageComparison: "below" | "at_or_below" | null;
            useBy: string;
            redeemBy: string;
            redemptionMode: string;
            settlementCycle: string;
            budgetFen: number;
            /** @enum {string} */
            status: "draft" | "open" | "closed";
            version: number;
        };
        UpdateDraftProgramDto: {
            /** @description The programme’s tiers; the most favourable that applies wins */
            tiers?: components["schemas"]["PolicyTierDto"][];
            /** @description Shorthand for tiers named default / tech_sme / specialised_sme / high_tech */
            ratioBpByTier?: components["schemas"]["TierRatiosDto"];
            /** @description Most one application (and so one voucher) may be worth; null or absent: no cap */
            perApplicationCapFen?: number | null;
            /** @description Cap per enterprise per programme year; null or absent: no cap */
            annualCapEnterpriseFen?: number | null;
            /** @description Cap per innovation team per programme year; null or absent: no cap */
            annualCapTeamFen?: number | null;
            /** @description Cap per actual-controller group (同一实际控制人) per programme year; null or absent: no cap */
            annualCapGroupFen?: number | null;
            /** @description Orders under this amount are covered in full (still within caps); null or absent: none */
            fullCoverageThresholdFen?: number | null;
            /**
             * @description How the threshold is written in the policy: below (低于) or at or below (不超过); default at_or_below
             * @enum {string}
             */
            fullCoverageComparison?: "below" | "at_or_below";
            /**
             * @description First day applications are taken (Asia/Shanghai)
             * @example 2026-03-01
             */
            opensOn?: string | null;
            /**
             * @description Last day applications are taken (Asia/Shanghai)
             * @example 2026-11-30
             */
            closesOn?: string | null;
            name?: string;
            /** @description For English readers */
            nameEn?: string;
            useBy?: string;
            redeemBy?: string;
            /** @enum {string} */
            redemptionMode?: "provider_redeems" | "enterprise_redeems";
            /** @enum {string} */
            settlementCycle?: "monthly" | "quarterly";
            /** @description Total budget, fen (a draft only; an open programme is topped up) */
            budgetFen?: number;
        };
        ProgramEnglishNameDto: {
            /**
             * @description null removes it (English pages then show the Chinese name)
             * @example Jiaxing S&T Innovation Vouchers 2026
             */
            nameEn: string | null;
        };
        PolicyChangeDto: {
            /** @example annualCapGroupFen */
            field: string;
            /** @description Value in the previous version (JSON) */
            before: Record<string, unknown> | null;
            /** @description Value in this version (JSON) */
            after: Record<string, unknown> | null;
        };
        ProgramVersionDto: {
            versionNo: number;
            effectiveFrom: string;
            note: string | null;
            createdBy: string | null;
            createdAt: string;
            policy: components["schemas"]["PolicyDto"];
            /** @description What changed from the previous version (empty for the first) */
            changes: components["schemas"]["PolicyChangeDto"][];
            /** @description In effect today */
            current: boolean;
        };
        CreateVersionDto: {
            /** @description The programme’s tiers; the most favourable that applies wins */
            tiers?: components["schemas"]["PolicyTierDto"][];
            /** @description Shorthand for tiers named default / tech_sme / specialised_sme / high_tech */
            ratioBpByTier?: components["schemas"]["TierRatiosDto"];
            /** @description Most one application (and so one voucher) may be worth; null or absent: no cap */
            perApplicationCapFen?: number | null;
            /** @description Cap per enterprise per programme year; null or absent: no cap */
            annualCapEnterpriseFen?: number | null;
            /** @description Cap per innovation team per programme year; null or absent: no cap */
            annualCapTeamFen?: number | null;
            /** @description Cap per actual-controller group (同一实际控制人) per programme year; null or absent: no cap */
            annualCapGroupFen?: number | null;
            /** @description Orders under this amount are covered in full (still within caps); null or absent: none */
            fullCoverageThresholdFen?: number | null;
            /**
             * @description How the threshold is written in the policy: below (低于) or at or below (不超过); default at_or_below
             * @enum {string}
             */
            fullCoverageComparison?: "below" | "at_or_below";
            /**
             * @description First day applications are taken (Asia/Shanghai)
             * @example 2026-03-01
             */
            opensOn?: string | null;
            /**
             * @description Last day applications are taken (Asia/Shanghai)
             * @example 2026-11-30
             */
            closesOn?: string | null;
            /**
             * @description First day (Asia/Shanghai) the version applies to new applications and issuance; today or later
             * @example 2026-07-01
             */
            effectiveFrom: string;
            /** @example 2026年7月起提高专精特新企业补助比例 */
            note: string;
        };
        TopUpRecordDto: {
            id: string;
            amountFen: number;
            reason: string;
            createdBy: string | null;
            createdAt: string;
        };
        TopUpDto: {
            /** @description Added to the programme budget, fen */
            amountFen: number;
            /** @example 市财政追加预算（嘉财教〔2026〕88号） */
            reason: string;
        };
        CloseProgramDto: {
            reason?: string;
        };
        BudgetDto: {
            programId: string;
            /** @description Appropriated budget */
            budgetFen: number;
            /** @description Not yet committed to any voucher */
            availableFen: number;
            /** @description Committed to vouchers and not spent (voucher balances) */
            committedFen: number;
            /** @description Held for orders in progress */
            heldFen: number;
            /** @description Captured by approved claims, awaiting settlement */
            payableFen: number;
            /** @description Paid out in settlement */
            paidFen: number;
            /** @description Clawed back, still to be recovered */
            clawbackReceivableFen: number;
            /** @description Sum of every entry of the programme: always 0 */
            ledgerSumFen: number;
            vouchersIssued: number;
        };
        CreateApplicationDto: {
            /** Format: uuid */
            programId: string;
            /** @description Requested face value, fen */
            requestedFen: number;
            /** @example 新型复合材料成分检测与力学性能测试 */
            purpose: string;
        };
        ApplicationDto: {
            id: string;
            number: string;
            programId: string;
            enterpriseId: string;
            requestedFen: number;
            purpose: string;
            /** @enum {string} */
            status: "draft" | "submitted" | "in_review" | "approved" | "issued" | "rejected" | "returned" | "withdrawn";
            /** @description English wording, kept for API clients; read rejectionReasonCode where given */
            rejectionReason: string | null;
            /** @description The refusal as a code when the server refused (issuance: caps, budget, programme); null for a decider’s own words */
            rejectionReasonCode: components["schemas"]["FindingReasonDto"] | null;
            caseId: string | null;
            voucherId: string | null;
            submittedAt: string | null;
            createdAt: string;
            version: number;
        };
        UpdateApplicationDto: {
            /** @description Requested face value, fen */
            requestedFen?: number;
            purpose?: string;
        };
        SubmitApplicationDto: {
            /** @description What changed, when resubmitting a returned application */
            note?: string;
        };
        VoucherDto: {
            id: string;
            /** @example CQ330400-2026-000001 */
            number: string;
            programId: string;
            enterpriseId: string;
            applicationId: string;
            faceValueFen: number;
            /** @description The programme policy version it was issued under: its tiers and threshold price its orders */
            programVersion: number;
            /**
             * @description Whose annual cap it counts against
             * @enum {string}
             */
            applicantKind: "enterprise" | "team";
            /** @description Unspent, not held */
            availableFen: number;
            /** @description Held for orders in progress */
            heldFen: number;
            useBy: string;
            redeemBy: string;
            /** @enum {string} */
            status: "active" | "exhausted" | "expired" | "revoked";
            issuedAt: string;
            /** @description Set on a revocation answer when the amount needs a second person: the voucher stays as it is until the request is confirmed */
            fourEyesRequest?: components["schemas"]["FourEyesRequestDto"];
        };
        StatementLineDto: {
            entryId: string;
            /** @enum {string} */
            account: "voucher_available" | "voucher_held";
            movement: string;
            /** @description Signed: + into the account, − out of it */
            amountFen: number;
            balanceAfterFen: number;
            referenceType: string;
            referenceId: string;
            memo: string | null;
            at: string;
        };
        VoucherStatementDto: {
            voucher: components["schemas"]["VoucherDto"];
            lines: components["schemas"]["StatementLineDto"][];
        };
        RevokeVoucherDto: {
            reason: string;
        };
        LimitQualificationDto: {
            id: string;
            /** @description The enterprise holding it */
            organizationId: string;
            /** @description Qualification kind code (GET /qualification-kinds) */
            kind: string;
            certificateNo: string;
            /** @example 2026-01-01 */
            validFrom: string;
            /** @example 2028-12-31 */
            validTo: string;
            /** @description 发证机关; null on declarations made before verification existed */
            issuer: string | null;
            /**
             * @description Only verified qualifications valid on the day count for a tier
             * @enum {string}
             */
            status: "declared" | "in_review" | "verified" | "rejected" | "revoked" | "withdrawn";
            decidedAt: string | null;
            /** @description The bureau’s reason for a rejection, return or revocation */
            decisionReason: string | null;
            /** @description The reason as a code when the workflow wrote it (verified); null for a decider’s own words */
            decisionReasonCode: components["schemas"]["FindingReasonDto"] | null;
            revokedAt: string | null;
            certificate: components["schemas"]["QualificationCertificateDto"] | null;
            version: number;
            /** @description Verified and valid today (Asia/Shanghai), so it counts for the tier */
            validToday: boolean;
        };
        ApplicationLimitsDto: {
            programId: string;
            /** @description The policy version in effect today */
            policyVersion: number;
            /** @description false when applications are refused today (not open, outside the window, past use-by, or no tier applies) */
            acceptingApplications: boolean;
            /** @description Why applications are refused today, in words */
            notAcceptingReason: string | null;
            /** @enum {string} */
            applicantKind: "enterprise" | "team";
            /** @description Code of the most favourable tier that applies today; null: none applies */
            tier: string | null;
            tierNameZh: string | null;
            tierNameEn: string | null;
            /** @description The tier’s ratio, basis points */
            ratioBp: number | null;
            perApplicationCapFen: number | null;
            fullCoverageThresholdFen: number | null;
            /** @enum {string|null} */
            fullCoverageComparison: "below" | "at_or_below" | null;
            opensOn: string | null;
            closesOn: string | null;
            /** @description The applicant’s own annual cap: the enterprise’s, or the team’s for an innovation team; null: no cap */
            annualCapEnterpriseFen: number | null;
            /** @description Subsidy committed to this applicant in the programme and not returned, as the issuance cap check counts it */
            enterpriseUsedFen: number;
            /** @description null: no cap */
            enterpriseRemainingFen: number | null;
            /** @description null when the applicant belongs to no actual-controller group or the policy has no group cap */
            annualCapGroupFen: number | null;
            /** @description null when the applicant belongs to no actual-controller group */
            groupUsedFen: number | null;
            groupRemainingFen: number | null;
            /** @description The budget not yet committed to vouchers */
            budgetAvailableFen: number;
            /** @description min(per-application cap, applicant remaining, group remaining, budget available), over the caps there are */
            maxRequestableFen: number;
            useBy: string;
            redeemBy: string;
            /** @enum {string} */
            redemptionMode: "provider_redeems" | "enterprise_redeems";
            qualifications: components["schemas"]["LimitQualificationDto"][];
        };
        GroupUsageByEnterpriseDto: {
            enterpriseId: string;
            enterpriseName: string;
            /** @description Face value committed under this group, in fen */
            committedFen: number;
            vouchers: number;
            /** @description Whether the enterprise is still a member (its past usage stays with the group either way) */
            currentMember: boolean;
        };
        GroupProgramUsageDto: {
            programId: string;
            programName: string;
            /** @description The programme's English name, if its bureau gave one */
            programNameEn: string | null;
            year: number;
            /** @description The annual cap per actual-controller group of the version in effect today, in fen; null: no group cap */
            capFen: number | null;
            /** @description Committed under this group (the locked counter issuance checks), in fen */
            usedFen: number;
            /** @description null: no group cap */
            remainingFen: number | null;
            byEnterprise: components["schemas"]["GroupUsageByEnterpriseDto"][];
        };
        ControllerGroupUsageDto: {
            groupId: string;
            programs: components["schemas"]["GroupProgramUsageDto"][];
        };
        CreateOrderDto: {
            /**
             * Format: uuid
             * @description Catalogue service
             */
            serviceId: string;
            /**
             * Format: uuid
             * @description The enterprise’s voucher that pays the subsidy
             */
            voucherId: string;
            quantity: number;
        };
        OrderDto: {
            id: string;
            number: string;
            programId: string;
            voucherId: string;
            enterpriseId: string;
            providerId: string;
            serviceId: string;
            quantity: number;
            unitPriceFen: number;
            contractAmountFen: number;
            /** @description Subsidy ratio applied, basis points */
            ratioBp: number;
            /** @description The recognition agreement that admitted a partner-region provider */
            recognitionAgreementId: string | null;
            /** @description Subsidy currently held on the voucher */
            subsidyHeldFen: number;
            /** @description What the enterprise pays itself (contract or actual amount minus subsidy) */
            enterpriseShareFen: number;
            actualAmountFen: number | null;
            subsidyFinalFen: number | null;
            /** @enum {string} */
            status: "created" | "accepted" | "declined" | "delivered" | "confirmed" | "disputed" | "claimed" | "settled" | "cancelled" | "rejected";
            reportNumber: string | null;
            deliveredOn: string | null;
            orderedOn: string;
            disputeReason: string | null;
            /** @description What bound the subsidy at ordering */
            subsidyLimitedBy: string;
            version: number;
        };
        OrderQuoteDto: {
            serviceId: string;
            voucherId: string;
            serviceName: string;
            providerName: string;
            unitPriceFen: number;
            quantity: number;
            /** @description unitPriceFen × quantity */
            contractAmountFen: number;
            /** @description Subsidy ratio that would apply, basis points */
            ratioBp: number;
            /** @description Subsidy that ordering would hold on the voucher */
            subsidyFen: number;
            /** @description contractAmountFen − subsidyFen */
            enterpriseShareFen: number;
            /** @description What bound the subsidy: ratio, full_coverage, voucher_balance or agreement_per_order_cap */
            subsidyLimitedBy: string;
            /** @description The recognition agreement that admits a partner-region provider; null for a local one */
            recognitionAgreementId: string | null;
            /** @description The voucher’s available balance now */
            voucherAvailableFen: number;
        };
        ReasonDto: {
            reason: string;
        };
        DeliverOrderDto: {
            /**
             * @description 报告编号
             * @example SHJC-2026-001234
             */
            reportNumber: string;
            /** @description Actual amount, at most the contract amount, fen */
            actualAmountFen: number;
            /** @example 2026-11-20 */
            deliveredOn: string;
        };
        OptionalReasonDto: {
            reason?: string;
        };
        RateOrderDto: {
            /** @description Score, 1 (poor) to 5 (excellent) */
            score: number;
            comment?: string;
        };
        RatingDto: {
            id: string;
            /** @description The order; only for its enterprise and its provider */
            orderId: string | null;
            /** @description The order’s number; only for the two parties */
            orderNumber: string | null;
            serviceId: string;
            serviceName: string;
            providerId: string;
            score: number;
            comment: string | null;
            createdAt: string;
            /** @description The provider’s one reply */
            reply: string | null;
            repliedAt: string | null;
        };
        ReplyToRatingDto: {
            reply: string;
        };
        SubmitClaimDto: {
            /** Format: uuid */
            orderId: string;
            /**
             * @description 合同编号
             * @example HT-2026-0451
             */
            contractNo: string;
            /**
             * @description 发票号码, unique system-wide
             * @example 044002600111-12345678
             */
            invoiceNo: string;
            /**
             * @description 付款凭证 (reference of the enterprise’s payment)
             * @example BANK-TXN-20261120-7781
             */
            paymentProof: string;
            /**
             * @description 检测报告编号
             * @example SHJC-2026-001234
             */
            reportNo: string;
        };
        ClaimDto: {
            id: string;
            number: string;
            orderId: string;
            programId: string;
            voucherId: string;
            claimantOrgId: string;
            payeeOrgId: string;
            /** @enum {string} */
            mode: "provider_redeems" | "enterprise_redeems";
            amountFen: number;
            contractNo: string;
            invoiceNo: string;
            paymentProof: string;
            reportNo: string;
            /** @enum {string} */
            status: "submitted" | "in_review" | "approved" | "paid" | "rejected" | "returned" | "withdrawn" | "clawed_back" | "recovered";
            caseId: string | null;
            rejectionReason: string | null;
            approvedAt: string | null;
            paidAt: string | null;
            version: number;
            /** @description Paid back so far on a claw-back (recover movements), fen; 0 when nothing was clawed back */
            recoveredFen: number;
            /** @description Still owed by the payee on a claw-back (claw_back minus recover movements), fen; 0 when nothing was clawed back or all was recovered */
            outstandingFen: number;
            /** @description Set on a claw-back answer when the amount needs a second person: the claim stays paid until the request is confirmed */
            fourEyesRequest?: components["schemas"]["FourEyesRequestDto"];
        };
        UpdateClaimDocumentsDto: {
            contractNo?: string;
            paymentProof?: string;
            reportNo?: string;
        };
        ResubmitClaimDto: {
            note?: string;
        };
        ClawBackDto: {
            reason: string;
        };
        RecordRecoveryDto: {
            /** @description Amount received, fen; default: all that is still owed */
            amountFen?: number;
            /**
             * @description Day the money arrived (Asia/Shanghai), not after today
             * @example 2026-11-20
             */
            receivedOn: string;
            /**
             * @description Bank reference of the incoming payment
             * @example JXCZ-20261120-0042
             */
            reference: string;
            note?: string;
        };
        RecordedRecoveryDto: {
            id: string;
            claimId: string;
            claimNumber: string;
            /** @description The claim’s 1st, 2nd, … recovery */
            seq: number;
            programId: string;
            /** @description fen */
            amountFen: number;
            receivedOn: string;
            reference: string;
            note: string | null;
            recordedById: string;
            recordedByName: string | null;
            recordedAt: string;
            /** @description The recover movement (clawback_receivable → budget_available) */
            ledgerTransactionId: string;
            /**
             * @description recovered once nothing is owed any more
             * @enum {string}
             */
            claimStatus: "submitted" | "in_review" | "approved" | "paid" | "rejected" | "returned" | "withdrawn" | "clawed_back" | "recovered";
            /** @description Still owed after this recovery, fen */
            outstandingFen: number;
            /** @description Paid back so far, this recovery included, fen */
            recoveredFen: number;
        };
        ClaimRecoveryDto: {
            id: string;
            claimId: string;
            claimNumber: string;
            /** @description The claim’s 1st, 2nd, … recovery */
            seq: number;
            programId: string;
            /** @description fen */
            amountFen: number;
            receivedOn: string;
            reference: string;
            note: string | null;
            recordedById: string;
            recordedByName: string | null;
            recordedAt: string;
            /** @description The recover movement (clawback_receivable → budget_available) */
            ledgerTransactionId: string;
        };
        BatchPersonDto: {
            id: string;
            displayName: string;
        };
        BatchDto: {
            id: string;
            number: string;
            programId: string;
            periodStart: string;
            periodEnd: string;
            /** @enum {string} */
            status: "open" | "closed" | "approved" | "paid" | "reconciled";
            totalFen: number;
            itemCount: number;
            paymentReference: string | null;
            closedAt: string | null;
            approvedAt: string | null;
            paidAt: string | null;
            reconciledAt: string | null;
            /** @description Who closed it; null when the cut-off closed it */
            closedBy: components["schemas"]["BatchPersonDto"] | null;
            /** @description Who approved it (may not be who closed it) */
            approvedBy: components["schemas"]["BatchPersonDto"] | null;
            /** @description Who marked it paid (may not be who approved it) */
            paidBy: components["schemas"]["BatchPersonDto"] | null;
            version: number;
        };
        PayBatchDto: {
            /**
             * @description Treasury payment reference (国库支付凭证号)
             * @example JXCZ-2026-11-0001
             */
            paymentReference: string;
        };
        ReconcileBatchDto: {
            /** @example Bank statement 2026-11 matched: 12 transfers */
            note: string;
        };
        StatementRowDto: {
            /** @description Payee organisation id, or partner region code */
            key: string;
            name: string;
            uscc: string | null;
            regionCode: string;
            claims: number;
            amountFen: number;
            /** @description Yuan with two decimals, for people */
            amountYuan: string;
        };
        StatementDto: {
            batch: components["schemas"]["BatchDto"];
            /** @enum {string} */
            by: "payee" | "partner_region";
            rows: components["schemas"]["StatementRowDto"][];
            totalFen: number;
        };
        RunDailyDto: {
            /**
             * @description Treat this Shanghai calendar day as today
             * @example 2027-04-01
             */
            asOf?: string;
        };
        DailyRunDto: {
            asOf: string;
            vouchersExpired: number;
            returnedToBudgetFen: number;
            ordersLapsed: number;
            claimsRejected: number;
            batchesClosed: number;
        };
        DailyRunQueuedDto: {
            /** @description The maintenance job running it (Bull Board, /queues) */
            jobId: string;
            /** @description The job state when the answer was given: waiting, active, delayed (retry) or failed */
            state: string;
            /** @description Why the last attempt failed */
            failedReason?: string;
        };
        EvidenceItemDto: {
            /**
             * @description What the evidence shows
             * @example 同一张发票在两笔订单中使用
             */
            description: string;
            /**
             * @description Attachment reference: a document number, archive id or file reference
             * @example JXKJ-2026-0123
             */
            reference?: string;
        };
        RecordMisconductDto: {
            /** @enum {string} */
            kind: "collusion" | "false_invoice" | "false_report" | "fraudulent_application" | "other";
            description: string;
            evidence: components["schemas"]["EvidenceItemDto"][];
            /** @description The provider concerned */
            providerId?: string;
            /** @description The applicant enterprise (or innovation team) concerned */
            enterpriseId?: string;
            /** @example 2026-12-01 */
            periodFrom: string;
            /** @example 2029-11-30 */
            periodTo: string;
        };
        MisconductPartyDto: {
            id: string;
            name: string;
            regionCode: string;
        };
        MisconductEffectsDto: {
            revokedVoucherIds: string[];
            cancelledOrderIds: string[];
            /** @description Unspent voucher money returned to the budget, fen */
            returnedToBudgetFen: number;
            /** @description Holds released by the cancelled orders, fen */
            releasedHoldsFen: number;
            /**
             * @description What happened to the provider: outside_region = its own region’s admins decide its admission
             * @enum {string}
             */
            provider: "suspended" | "not_active" | "outside_region" | "none";
        };
        MisconductRecordDto: {
            id: string;
            /** @example SX2026-000001 */
            number: string;
            /** @description The recording (paying) region */
            regionCode: string;
            /** @enum {string} */
            kind: "collusion" | "false_invoice" | "false_report" | "fraudulent_application" | "other";
            description: string;
            evidence: components["schemas"]["EvidenceItemDto"][];
            provider: components["schemas"]["MisconductPartyDto"] | null;
            enterprise: components["schemas"]["MisconductPartyDto"] | null;
            periodFrom: string;
            periodTo: string;
            /** @enum {string} */
            status: "pending_confirmation" | "in_force" | "cancelled" | "lifted";
            /** @description In force and today within its period: the applicant is barred */
            barringToday: boolean;
            /** @description Money the record moves (unspent balances and holds), fen; above FOUR_EYES_THRESHOLD_FEN a second approver confirms */
            affectedFen: number;
            effects: components["schemas"]["MisconductEffectsDto"] | null;
            recordedAt: string;
            confirmedAt: string | null;
            liftedAt: string | null;
            liftReason: string | null;
            version: number;
        };
        MisconductDecisionDto: {
            note?: string;
        };
        LiftMisconductDto: {
            /** @description Why the record is lifted early (e.g. an appeal upheld) */
            reason: string;
        };
        ProgramBudgetTotalsDto: {
            budgetFen: number;
            /** @description Budget not yet committed to vouchers (budget_available) */
            availableFen: number;
        };
        DistrictBudgetRowDto: {
            /** @example 330402 */
            regionCode: string;
            /** @example 南湖区 */
            regionName: string;
            /** @description Vouchers issued to enterprises registered in the region */
            vouchersIssued: number;
            /** @description Face value committed from the budget at issuance (commit movements) */
            committedFen: number;
            /** @description Held now for orders in progress (voucher_held balances) */
            heldFen: number;
            /** @description Captured by approved claims and not yet paid (payable) */
            capturedOrPayableFen: number;
            /** @description Paid in settlement, less claw-backs (paid) */
            paidFen: number;
            /** @description Still spendable on the vouchers (voucher_available balances) */
            availableToEnterprisesFen: number;
        };
        BudgetByDistrictDto: {
            programId: string;
            /** @example 330400 */
            issuingRegionCode: string;
            totals: components["schemas"]["ProgramBudgetTotalsDto"];
            /** @description Each district or county of the issuing region in the caller’s scope, in region order */
            rows: components["schemas"]["DistrictBudgetRowDto"][];
        };
        RegionFlowRowDto: {
            /** @example 330400 */
            fromRegionCode: string;
            /** @example 嘉兴市 */
            fromRegionName: string;
            /**
             * @description The provider’s city (a district is counted with its city)
             * @example 310000
             */
            toRegionCode: string;
            /** @example 上海市 */
            toRegionName: string;
            /** @description Orders, without cancelled, declined or rejected ones */
            orders: number;
            /** @description Their subsidy: final once delivered, else held */
            subsidyFen: number;
            /** @description Paid to payees in settlement for these orders, less claw-backs */
            paidFen: number;
        };
        CrossRegionFlowDto: {
            programId: string;
            rows: components["schemas"]["RegionFlowRowDto"][];
        };
        StageTimeRowDto: {
            /** @example voucher_application */
            workflowKey: string;
            /** @example district_review */
            stageKey: string;
            /** @description Tasks decided */
            decided: number;
            /** @description Hours from task creation to decision, 2 decimals; null while nothing was decided */
            avgHours: number | null;
            p50Hours: number | null;
            p90Hours: number | null;
            /** @description Open tasks past their SLA */
            overdueOpen: number;
            /** @description Open tasks */
            open: number;
        };
        ProviderMapRowDto: {
            /** @example 310000 */
            regionCode: string;
            /** @example 上海市 */
            regionName: string;
            lat: number | null;
            lng: number | null;
            /** @description Admitted, active providers registered in the region */
            activeProviders: number;
            /** @description Their active catalogue services */
            services: number;
            /** @description Distinct instrument names among those services */
            instruments: number;
            /** @description Active providers holding CMA or CNAS */
            cmaOrCnas: number;
        };
        MapPlaceDto: {
            /** @example 330400 */
            regionCode: string;
            /** @example 嘉兴市 */
            regionName: string;
            /** @example Jiaxing */
            regionNameEn: string;
            /** @description One of the nine G60 corridor members */
            isG60: boolean;
            /** @description WGS-84; null when the platform has no position for it (the portal then uses the boundary’s centre) */
            lat: number | null;
            lng: number | null;
        };
        MapPlaceCountDto: {
            /** @example 330400 */
            regionCode: string;
            count: number;
        };
        MapCategoryCountDto: {
            /** @example 310000 */
            regionCode: string;
            /**
             * @description service_categories code (GET /catalog/categories)
             * @example testing
             */
            category: string;
            /** @description Active services of active providers of the place in that category */
            services: number;
        };
        MapVoucherFlowDto: {
            /**
             * @description The issuing city of the programme
             * @example 330400
             */
            fromRegionCode: string;
            /**
             * @description The place of the provider
             * @example 310000
             */
            toRegionCode: string;
            /** @description Orders, without cancelled, declined or rejected ones */
            orders: number;
            /** @description Their subsidy, final once delivered else held; on the public big screen null below 3 orders (one order’s subsidy is one company’s) */
            subsidyFen: number | null;
        };
        MapLandingFlowDto: {
            /**
             * @description The place of the project’s home region
             * @example 330100
             */
            fromRegionCode: string;
            /**
             * @description The G60 city it landed in
             * @example 330400
             */
            toRegionCode: string;
            projects: number;
        };
        MapLayersDto: {
            /** @description Every place a layer below names */
            places: components["schemas"]["MapPlaceDto"][];
            /** @description Active providers by place (the catalogue is open to every signed-in user: not scoped) */
            providers: components["schemas"]["MapPlaceCountDto"][];
            /** @description Active services by place and category (not scoped, as providers) */
            servicesByCategory: components["schemas"]["MapCategoryCountDto"][];
            /** @description Voucher orders of every programme from its issuing city to the provider’s place, scoped as GET /service-orders */
            voucherFlows: components["schemas"]["MapVoucherFlowDto"][];
            /** @description Roadshow projects by their home place (counts only), without withdrawn and rejected ones */
            projects: components["schemas"]["MapPlaceCountDto"][];
            /** @description Landed projects from their home place to the landing city (counts only) */
            landings: components["schemas"]["MapLandingFlowDto"][];
        };
        BigScreenTotalsDto: {
            activeProviders: number;
            services: number;
            projects: number;
            landings: number;
            /** @description Voucher orders across places (the issuing city differs from the provider’s place) */
            crossRegionOrders: number;
            /** @description Their subsidy, fen */
            crossRegionSubsidyFen: number;
        };
        BigScreenCityDto: {
            /** @example 330400 */
            regionCode: string;
            /** @example 嘉兴市 */
            regionName: string;
            /** @example Jiaxing */
            regionNameEn: string;
            /** @description One of the nine G60 corridor members */
            isG60: boolean;
            /** @description WGS-84; null when the platform has no position for it (the portal then uses the boundary’s centre) */
            lat: number | null;
            lng: number | null;
            activeProviders: number;
            services: number;
            projects: number;
            /** @description Projects that landed in this place */
            landings: number;
        };
        BigScreenDto: {
            /** @description When the figures were computed (ISO 8601); they are reused for BIG_SCREEN_CACHE_SECONDS */
            computedAt: string;
            /** @description Seconds until the next recomputation at the earliest; the page refreshes on this rhythm */
            refreshSeconds: number;
            totals: components["schemas"]["BigScreenTotalsDto"];
            cities: components["schemas"]["BigScreenCityDto"][];
            voucherFlows: components["schemas"]["MapVoucherFlowDto"][];
            landings: components["schemas"]["MapLandingFlowDto"][];
        };
        LifecycleTransitionDto: {
            /** @description The action (event) that moves the subject */
            action: string;
            /** @description States the action is allowed from */
            from: string[];
            to: string;
            /** @description The domain event (audit action) the transition records */
            emits: string;
            /** @description Name of the guard that must also hold */
            guard?: string;
            guardDescription?: string;
        };
        LifecycleDto: {
            /** @example voucher_application */
            key: string;
            /** @description The module that owns it */
            module: string;
            /** @description How refusals name the subject */
            subject: string;
            title: string;
            states: string[];
            /** @description Where a new subject starts */
            initial: string[];
            /** @description States no transition leaves */
            final: string[];
            transitions: components["schemas"]["LifecycleTransitionDto"][];
        };
        CreateWebhookDto: {
            /**
             * @description http(s), no credentials; must resolve to public addresses only unless a platform admin allow-listed the host
             * @example https://erp.example.cn/hooks/g60
             */
            url: string;
            /** @description "*" for every event */
            events: ("*" | "approval_case.approved" | "approval_case.rejected" | "approval_case.returned" | "approval_case.withdrawn")[];
        };
        WebhookDto: {
            id: string;
            organizationId: string;
            url: string;
            events: string[];
            /** @description false while paused */
            active: boolean;
            /** @enum {string} */
            status: "active" | "paused" | "deleted";
            createdAt: string;
            updatedAt: string;
            /** @description HMAC-SHA256 secret; returned only when the webhook is created */
            secret?: string;
        };
        WebhookDeliveryDto: {
            id: string;
            event: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed" | "refused" | "cancelled";
            attempts: number;
            lastStatusCode: number | null;
            lastError: string | null;
            createdAt: string;
            deliveredAt: string | null;
        };
        WebhookAttemptDto: {
            id: string;
            deliveryId: string;
            event: string;
            /** @description 1 for the first attempt of a delivery */
            attempt: number;
            /** @enum {string} */
            outcome: "delivered" | "failed" | "refused";
            statusCode: number | null;
            error: string | null;
            /** @description The checked address the attempt connected to */
            address: string | null;
            durationMs: number;
            attemptedAt: string;
        };
        WebhookAttemptPageDto: {
            items: components["schemas"]["WebhookAttemptDto"][];
            total: number;
            limit: number;
            offset: number;
        };
        AllowedHostDto: {
            host: string;
            note: string;
            createdBy: string | null;
            createdAt: string;
        };
        AddAllowedHostDto: {
            /**
             * @description A host name or IP address (IPv6 with or without brackets), no port
             * @example erp.intranet.jiaxing.gov.cn
             */
            host: string;
            /** @description Why this internal host may receive webhooks */
            note?: string;
        };
        TeamMemberDto: {
            /** @example 李文博 */
            name: string;
            /** @example CEO，材料学博士 */
            role: string;
        };
        AvailabilityWindowDto: {
            /**
             * Format: date-time
             * @description Start of a window in which the presenters can pitch
             * @example 2026-03-10T09:30:00+08:00
             */
            from: string;
            /**
             * Format: date-time
             * @description End of the window
             * @example 2026-03-10T09:30:00+08:00
             */
            to: string;
        };
        CreateProjectDto: {
            /** @example 高导热石墨烯复合散热膜 */
            title: string;
            summary?: string;
            /** @enum {string} */
            industry: "integrated_circuits" | "artificial_intelligence" | "biomedicine" | "high_end_equipment" | "new_energy" | "new_materials" | "new_energy_vehicles" | "digital_economy" | "other";
            /** @enum {string} */
            stage: "seed" | "angel" | "pre_a" | "series_a" | "series_b" | "series_c_plus" | "pre_ipo";
            /** @description Financing ask (融资需求), fen */
            financingAskFen: number;
            /**
             * @description Region of the project (district or city)
             * @example 330402
             */
            regionCode: string;
            team: components["schemas"]["TeamMemberDto"][];
            /** @description When the presenters can pitch; empty or absent: any time */
            availability?: components["schemas"]["AvailabilityWindowDto"][];
        };
        DeckInfoDto: {
            fileName: string;
            contentType: string;
            sizeBytes: number;
            sha256: string;
            uploadedAt: string;
        };
        ProjectDto: {
            id: string;
            /** @example LY2026-000001 */
            number: string;
            enterpriseId: string;
            title: string;
            summary: string;
            /** @enum {string} */
            industry: "integrated_circuits" | "artificial_intelligence" | "biomedicine" | "high_end_equipment" | "new_energy" | "new_materials" | "new_energy_vehicles" | "digital_economy" | "other";
            /** @enum {string} */
            stage: "seed" | "angel" | "pre_a" | "series_a" | "series_b" | "series_c_plus" | "pre_ipo";
            financingAskFen: number;
            regionCode: string;
            team: components["schemas"]["TeamMemberDto"][];
            availability: components["schemas"]["AvailabilityWindowDto"][];
            /** @enum {string} */
            status: "collected" | "screening" | "returned" | "screened" | "coached" | "scheduled" | "presented" | "matched" | "landed" | "tracked" | "rejected" | "withdrawn";
            statusChangedAt: string;
            screeningCaseId: string | null;
            decisionReason: string | null;
            /** @description Metadata only; the deck itself is confidential */
            deck: components["schemas"]["DeckInfoDto"] | null;
            createdAt: string;
            version: number;
        };
        UpdateProjectDto: {
            title?: string;
            summary?: string;
            /** @enum {string} */
            industry?: "integrated_circuits" | "artificial_intelligence" | "biomedicine" | "high_end_equipment" | "new_energy" | "new_materials" | "new_energy_vehicles" | "digital_economy" | "other";
            /** @enum {string} */
            stage?: "seed" | "angel" | "pre_a" | "series_a" | "series_b" | "series_c_plus" | "pre_ipo";
            /** @description Financing ask, fen */
            financingAskFen?: number;
            team?: components["schemas"]["TeamMemberDto"][];
        };
        SetAvailabilityDto: {
            /** @description Replaces the declared availability; empty: any time */
            availability: components["schemas"]["AvailabilityWindowDto"][];
        };
        ProjectTimelineEntryDto: {
            event: string;
            fromStatus: string | null;
            toStatus: string;
            /** @description English wording of a server note (kept for API clients), or a person’s own words */
            note: string | null;
            /** @description The note as a code when the server wrote it; null for a person’s own words and older entries */
            noteCode: components["schemas"]["FindingReasonDto"] | null;
            actorUserId: string | null;
            at: string;
        };
        ProjectTimelineDto: {
            projectId: string;
            /** @enum {string} */
            status: "collected" | "screening" | "returned" | "screened" | "coached" | "scheduled" | "presented" | "matched" | "landed" | "tracked" | "rejected" | "withdrawn";
            entries: components["schemas"]["ProjectTimelineEntryDto"][];
        };
        ProjectTransitionDto: {
            /** @enum {string} */
            event: "coach" | "present" | "match" | "land" | "track";
            note?: string;
        };
        DeckInvitationDto: {
            /**
             * Format: uuid
             * @description An investor organisation
             */
            investorOrganizationId: string;
        };
        DeckInvitationResultDto: {
            projectId: string;
            investorOrganizationId: string;
            invitedAt: string;
        };
        CreateVenueDto: {
            /** @example 长三角全球科创路演中心 1 号厅 */
            name: string;
            /**
             * @description The city the venue belongs to
             * @example 330400
             */
            cityCode: string;
            address?: string;
            capacity: number;
        };
        VenueDto: {
            id: string;
            name: string;
            cityCode: string;
            address: string;
            capacity: number;
        };
        CreateSessionDto: {
            /** @example 新材料专场路演 */
            title: string;
            /** @enum {string} */
            type: "custom" | "alliance" | "cloud";
            /** @example 330400 */
            hostCityCode: string;
            /** @description alliance: the co-hosting G60 cities */
            coHostCityCodes?: string[];
            /** @description custom and alliance: the venue (in the host city) */
            venueId?: string;
            /** @description The stream: an HLS playlist (….m3u8) or a provider's player page, https on a host of LIVE_STREAM_HOSTS. Required for cloud sessions; with a venue it makes a hybrid session. Either way the session gets a live page. */
            streamUrl?: string;
            /**
             * @description Who may watch the live page besides organisers and presenters: registered (a confirmed RSVP, the default) or public (anyone signed in)
             * @enum {string}
             */
            liveAccess?: "registered" | "public";
            /** @description Audience seats; in-person default: the venue capacity. Required for cloud sessions. */
            capacity?: number;
            /**
             * Format: date-time
             * @description Start of the session
             * @example 2026-03-10T09:30:00+08:00
             */
            startsAt: string;
            /**
             * Format: date-time
             * @description End of the session
             * @example 2026-03-10T09:30:00+08:00
             */
            endsAt: string;
            /**
             * @description Pitch minutes per slot
             * @example 10
             */
            pitchMinutes: number;
            /**
             * @description Q&A minutes per slot
             * @example 5
             */
            qaMinutes: number;
            /** @description Industry theme; empty: open to any industry */
            themeIndustries: ("integrated_circuits" | "artificial_intelligence" | "biomedicine" | "high_end_equipment" | "new_energy" | "new_materials" | "new_energy_vehicles" | "digital_economy" | "other")[];
        };
        SessionDto: {
            id: string;
            title: string;
            /** @enum {string} */
            type: "custom" | "alliance" | "cloud";
            hostCityCode: string;
            /** @description Co-host cities that accepted their invitation */
            coHostCityCodes: string[];
            /** @description Co-host cities invited, not yet answered */
            pendingCoHostCityCodes: string[];
            /** @description The alliance series the session belongs to */
            seriesId: string | null;
            /** @description Its number in the series, from 1 */
            seriesSeq: number | null;
            venueId: string | null;
            streamUrl: string | null;
            /** @description Cloud or hybrid: the session has a live page (and, once finished, a replay page) */
            hasLivePage: boolean;
            /** @enum {string} */
            liveAccess: "registered" | "public";
            capacity: number;
            seatsTaken: number;
            startsAt: string;
            endsAt: string;
            pitchMinutes: number;
            qaMinutes: number;
            /** @description Slots that fit the window */
            slotCount: number;
            themeIndustries: string[];
            /** @enum {string} */
            status: "draft" | "published" | "finished" | "cancelled";
            /** @description Latest published agenda version; 0 before the first publication */
            agendaVersion: number;
            publishedAt: string | null;
            version: number;
        };
        ReasonCodeDto: {
            /** @enum {string} */
            code: "theme_open" | "theme_match" | "availability_open" | "within_availability" | "interest_rank" | "audience_focus" | "preferred_slot" | "fallback_slot" | "placed_by_hand" | "short_gap" | "theme_mismatch" | "outside_availability" | "no_theme_match" | "not_available" | "presenter_busy" | "slots_full";
            /**
             * @example {
             *       "industry": "new_materials"
             *     }
             */
            params: {
                [key: string]: string | number;
            };
        };
        SlotDto: {
            id: string;
            sessionId: string;
            slotIndex: number;
            startsAt: string;
            endsAt: string;
            projectId: string;
            projectNumber: string;
            projectTitle: string;
            industry: string;
            /** @enum {string} */
            placedBy: "scheduler" | "manual";
            /** @description Why the slot is here: the scheduler’s reasons and warnings, or placed_by_hand */
            explanationCodes: components["schemas"]["ReasonCodeDto"][];
            /**
             * @deprecated
             * @description English wording of explanationCodes
             */
            explanation: string[];
        };
        SessionDetailDto: {
            session: components["schemas"]["SessionDto"];
            /** @description Current slots (may differ from the published agenda until republished) */
            slots: components["schemas"]["SlotDto"][];
        };
        AgendaChangeDto: {
            /** @enum {string} */
            change: "added" | "removed" | "moved";
            projectId: string;
            projectTitle: string;
            fromStartsAt: string | null;
            toStartsAt: string | null;
        };
        AgendaSlotDto: {
            slotId: string;
            slotIndex: number;
            startsAt: string;
            endsAt: string;
            projectId: string;
            projectNumber: string;
            projectTitle: string;
            industry: string;
            stage: string;
            enterpriseName: string;
        };
        AgendaDto: {
            session: components["schemas"]["SessionDto"];
            /** @description Venue name and address, or the stream link */
            location: string | null;
            /** @description 0: an unpublished draft (admins only) */
            version: number;
            publishedAt: string | null;
            slots: components["schemas"]["AgendaSlotDto"][];
        };
        AgendaVersionDto: {
            sessionId: string;
            version: number;
            publishedAt: string;
            changelog: components["schemas"]["AgendaChangeDto"][];
            agenda: components["schemas"]["AgendaDto"];
        };
        AssignSlotDto: {
            /** Format: uuid */
            projectId: string;
            /** @description Position in the session’s slot grid, from 0 */
            slotIndex: number;
        };
        WarningDto: {
            /** @enum {string} */
            code: "theme_mismatch" | "short_gap" | "outside_availability";
            /** @description Parameters of the code, for the wording */
            params: {
                [key: string]: string | number;
            };
            /**
             * @deprecated
             * @description English wording of code + params; words the code in the reader’s language instead
             */
            message: string;
        };
        SlotChangeDto: {
            slot: components["schemas"]["SlotDto"] | null;
            /** @description Soft issues: the change is made, but look again */
            warnings: components["schemas"]["WarningDto"][];
        };
        MoveSlotDto: {
            /** @description New position in the slot grid */
            slotIndex: number;
        };
        ScheduleRunDto: {
            /** @description Sessions to fill (draft or published) */
            sessionIds: string[];
            /** @description Limit to these projects; default: every screened project */
            projectIds?: string[];
            /** @description false: preview only; true: write the placements (one transaction) */
            apply: boolean;
        };
        PlacementDto: {
            projectId: string;
            sessionId: string;
            slotIndex: number;
            startsAt: string;
            endsAt: string;
            /** @description Why this slot, as codes with parameters */
            reasonCodes: components["schemas"]["ReasonCodeDto"][];
            /** @description Soft issues, as codes with parameters */
            warningCodes: components["schemas"]["ReasonCodeDto"][];
            /**
             * @deprecated
             * @description English wording of reasonCodes
             */
            reasons: string[];
            /**
             * @deprecated
             * @description English wording of warningCodes
             */
            warnings: string[];
        };
        UnplacedDto: {
            projectId: string;
            /** @enum {string} */
            code: "no_theme_match" | "not_available" | "presenter_busy" | "slots_full";
            /** @description Parameters of the code, for the wording */
            params: {
                [key: string]: string | number;
            };
            /**
             * @deprecated
             * @description English wording of code + params
             */
            reason: string;
        };
        ScheduleStatsDto: {
            projects: number;
            placed: number;
            freeSlotsBefore: number;
            freeSlotsAfter: number;
        };
        ScheduleResultDto: {
            applied: boolean;
            placements: components["schemas"]["PlacementDto"][];
            unplaced: components["schemas"]["UnplacedDto"][];
            stats: components["schemas"]["ScheduleStatsDto"];
        };
        CreateSessionRequestDto: {
            /** @example 新能源汽车零部件企业定制路演 */
            title: string;
            industries: ("integrated_circuits" | "artificial_intelligence" | "biomedicine" | "high_end_equipment" | "new_energy" | "new_materials" | "new_energy_vehicles" | "digital_economy" | "other")[];
            /** @example 330400 */
            hostCityCode: string;
            /**
             * Format: date-time
             * @description Earliest preferred start
             * @example 2026-03-10T09:30:00+08:00
             */
            preferredStart: string;
            /**
             * Format: date-time
             * @description Latest preferred end
             * @example 2026-03-10T09:30:00+08:00
             */
            preferredEnd: string;
            expectedAudience: number;
            note?: string;
        };
        SessionRequestDto: {
            id: string;
            requesterOrgId: string;
            /** @enum {string} */
            requesterKind: "enterprise" | "investor" | "park";
            title: string;
            industries: string[];
            hostCityCode: string;
            preferredStart: string;
            preferredEnd: string;
            expectedAudience: number;
            note: string | null;
            /** @enum {string} */
            status: "pending" | "accepted" | "declined";
            sessionId: string | null;
            decisionNote: string | null;
            createdAt: string;
        };
        AcceptSessionRequestDto: {
            /**
             * Format: uuid
             * @description The session the request is accepted into
             */
            sessionId: string;
            note?: string;
        };
        DeclineSessionRequestDto: {
            reason: string;
        };
        AgendaCollectionDto: {
            /** @description Whose agenda: session, project or investor */
            scope: string;
            agendas: components["schemas"]["AgendaDto"][];
        };
        CoHostInvitationDto: {
            id: string;
            sessionId: string;
            sessionTitle: string;
            sessionStartsAt: string;
            hostCityCode: string;
            /** @description The invited city */
            cityCode: string;
            /** @enum {string} */
            status: "invited" | "accepted" | "declined" | "withdrawn";
            reason: string | null;
            decidedAt: string | null;
            createdAt: string;
        };
        InviteCoHostDto: {
            /**
             * @description A G60 alliance city other than the host
             * @example 330100
             */
            cityCode: string;
        };
        AnswerCoHostDto: {
            /** @description Why (shown to the host city); optional */
            reason?: string;
        };
        OpenSessionDto: {
            id: string;
            title: string;
            /** @enum {string} */
            type: "custom" | "alliance" | "cloud";
            hostCityCode: string;
            coHostCityCodes: string[];
            startsAt: string;
            endsAt: string;
            /** @enum {string} */
            status: "published" | "finished";
            themeIndustries: string[];
            /** @description The venue’s name and address; null for a cloud session */
            venue: string | null;
            /** @description Seats left (capacity less confirmed seats) */
            seatsLeft: number;
            /** @description Cloud or hybrid: it has a live page */
            hasLivePage: boolean;
        };
        OpenAgendaSlotDto: {
            slotIndex: number;
            startsAt: string;
            endsAt: string;
            projectTitle: string;
            industry: string;
            stage: string;
            enterpriseName: string;
        };
        OpenSessionDetailDto: {
            id: string;
            title: string;
            /** @enum {string} */
            type: "custom" | "alliance" | "cloud";
            hostCityCode: string;
            coHostCityCodes: string[];
            startsAt: string;
            endsAt: string;
            /** @enum {string} */
            status: "published" | "finished";
            themeIndustries: string[];
            /** @description The venue’s name and address; null for a cloud session */
            venue: string | null;
            /** @description Seats left (capacity less confirmed seats) */
            seatsLeft: number;
            /** @description Cloud or hybrid: it has a live page */
            hasLivePage: boolean;
            /** @description The published agenda version shown (0: no agenda published yet) */
            agendaVersion: number;
            slots: components["schemas"]["OpenAgendaSlotDto"][];
            /** @description The slot on stage now, by its index; null outside the pitches */
            onStageSlotIndex: number | null;
            /** @description The stream, only for a session whose live page is public (live_access = public) */
            streamUrl: string | null;
        };
        CalendarFeedDto: {
            /** @description Whether I have a feed address (rotate to get one) */
            active: boolean;
            rotatedAt: string | null;
            /** @description When a calendar last read the feed */
            lastReadAt: string | null;
        };
        CalendarFeedAddressDto: {
            /** @description The feed’s secret path below the portal’s address, shown this once: /api/v1/calendar/<secret>.ics */
            path: string;
            rotatedAt: string;
        };
        InvestorProfileDto: {
            organizationId: string;
            focusIndustries: ("integrated_circuits" | "artificial_intelligence" | "biomedicine" | "high_end_equipment" | "new_energy" | "new_materials" | "new_energy_vehicles" | "digital_economy" | "other")[];
            focusStages: ("seed" | "angel" | "pre_a" | "series_a" | "series_b" | "series_c_plus" | "pre_ipo")[];
            ticketMinFen: number | null;
            ticketMaxFen: number | null;
            /** @description Projects the signed-in investor follows */
            followedProjectIds: string[];
        };
        UpsertInvestorProfileDto: {
            focusIndustries?: ("integrated_circuits" | "artificial_intelligence" | "biomedicine" | "high_end_equipment" | "new_energy" | "new_materials" | "new_energy_vehicles" | "digital_economy" | "other")[];
            focusStages?: ("seed" | "angel" | "pre_a" | "series_a" | "series_b" | "series_c_plus" | "pre_ipo")[];
            /** @description Smallest ticket (单笔投资), fen */
            ticketMinFen?: number;
            /** @description Largest ticket, fen */
            ticketMaxFen?: number;
        };
        RecommendationDto: {
            project: components["schemas"]["ProjectDto"];
            score: number;
            reasons: string[];
        };
        InterestDto: {
            id: string;
            projectId: string;
            investorOrgId: string;
            /** @enum {string} */
            status: "interested" | "meeting" | "due_diligence" | "term_sheet" | "invested" | "dropped";
            note: string | null;
            updatedAt: string;
            version: number;
        };
        InterestTransitionDto: {
            /** @enum {string} */
            event: "meet" | "start_due_diligence" | "offer_term_sheet" | "invest" | "drop";
            note?: string;
        };
        FollowDto: {
            projectId: string;
            following: boolean;
        };
        InterestNoteDto: {
            note?: string;
        };
        RsvpDto: {
            id: string;
            sessionId: string;
            userId: string;
            /** @enum {string} */
            status: "confirmed" | "waitlisted" | "cancelled";
            /** @description Place on the waitlist (1 = next), when waitlisted */
            waitlistPosition: number | null;
            promotedAt: string | null;
            createdAt: string;
        };
        RecordOutcomeDto: {
            /**
             * @description The G60 alliance city the project landed (落地) in; omitted: not landed (yet)
             * @example 330100
             */
            landingCityCode?: string;
            /**
             * @description The district or county of the landing city, when known
             * @example 330106
             */
            landingRegionCode?: string;
            /**
             * @deprecated
             * @description Old form: landed in Jiaxing (= landingCityCode 330400); use landingCityCode
             */
            landedInJiaxing?: boolean;
            /**
             * @deprecated
             * @description Old form: the Jiaxing district or county; use landingRegionCode
             * @example 330402
             */
            landingDistrictCode?: string;
            /**
             * @description Landing date (Shanghai calendar day)
             * @example 2026-05-20
             */
            landedOn?: string;
            /** @description Financing raised so far, fen */
            financingRaisedFen: number;
            note?: string;
        };
        OutcomeDto: {
            projectId: string;
            /** @description The G60 city it landed in; null: not landed */
            landingCityCode: string | null;
            /** @description The district or county of the landing city */
            landingRegionCode: string | null;
            /**
             * @deprecated
             * @description landingCityCode = 330400
             */
            landedInJiaxing: boolean;
            /**
             * @deprecated
             * @description Same as landingRegionCode
             */
            landingDistrictCode: string | null;
            landedOn: string | null;
            financingRaisedFen: number;
            note: string | null;
            updatedAt: string;
        };
        StatsRowDto: {
            /** @description City code, industry, session type or YYYY-MM */
            key: string;
            projects: number;
            /** @description Passed screening (screened or later) */
            screened: number;
            /** @description Presented at a roadshow (presented or later) */
            presented: number;
            /** @description Landed in any G60 city */
            landed: number;
            /**
             * @deprecated
             * @description Landed in Jiaxing
             */
            landedInJiaxing: number;
            financingRaisedFen: number;
        };
        LiveTotalsDto: {
            /** @description Cloud and hybrid sessions (published or finished) starting in the period */
            sessions: number;
            /** @description Attendance: people who opened their live or replay page, each once per session */
            attendees: number;
            questionsAsked: number;
            /** @description Approved, answered or not */
            questionsApproved: number;
            questionsAnswered: number;
        };
        AllianceCityStatsDto: {
            /** @description City code, or total */
            key: string;
            /** @description Sessions it hosted (published or finished, starting in the period) */
            sessionsHosted: number;
            /** @description Sessions it co-hosted (accepted), same rule */
            sessionsCoHosted: number;
            /** @description Distinct projects with a slot in a finished session it hosted */
            projectsPresented: number;
            /** @description Distinct investor users with a confirmed RSVP or live attendance at sessions it hosted */
            investorsAttending: number;
            /** @description Of whom attended the live page */
            liveAttendees: number;
            /** @description Investment interests, created in the period, in projects presenting in sessions it hosted */
            interests: number;
            /** @description Referrals to the city created in the period */
            referralsIn: number;
            /** @description Of which accepted */
            referralsInAccepted: number;
            /** @description Referrals by the city created in the period */
            referralsOut: number;
            /** @description Projects that landed in the city (landing date in the period) */
            landings: number;
        };
        AllianceStatsDto: {
            /** @description Per city: every G60 city for the platform and the bureau, its own city for a city organiser */
            cities: components["schemas"]["AllianceCityStatsDto"][];
            /** @description The whole alliance, distinct counts (null for a city organiser) */
            total: components["schemas"]["AllianceCityStatsDto"] | null;
        };
        StatsDto: {
            /** @enum {string} */
            groupBy: "city" | "industry" | "session_type" | "month";
            from: string | null;
            to: string | null;
            rows: components["schemas"]["StatsRowDto"][];
            totals: components["schemas"]["StatsRowDto"];
            /** @description Cloud roadshows: attendance and questions of the live sessions in the period */
            live: components["schemas"]["LiveTotalsDto"];
            /** @description The city the figures are limited to, if any */
            cityCode: string | null;
            /** @description The nine-city alliance: per city and in total */
            alliance: components["schemas"]["AllianceStatsDto"];
        };
        PlayerDto: {
            /**
             * @description hls: a <video>; iframe: a provider’s player; link: no longer on an allowed host, only linked
             * @enum {string}
             */
            kind: "hls" | "iframe" | "link";
            url: string;
        };
        LiveSlotDto: {
            slotId: string;
            slotIndex: number;
            startsAt: string;
            endsAt: string;
            projectId: string;
            projectNumber: string;
            projectTitle: string;
            enterpriseName: string;
            industry: string;
            replay: components["schemas"]["PlayerDto"] | null;
        };
        PresentingDto: {
            slotId: string | null;
            /**
             * @description organiser: set by an organiser; schedule: from the slot times
             * @enum {string|null}
             */
            source: "organiser" | "schedule" | null;
        };
        LiveQuestionDto: {
            id: string;
            sessionId: string;
            slotId: string | null;
            projectId: string;
            body: string;
            /** @enum {string} */
            status: "pending" | "approved" | "rejected" | "answered";
            askedBy: string;
            /** @description The asker’s organisation */
            askerOrganization: string;
            /** @description Shown to the asker and the moderators */
            rejectReason: string | null;
            answer: string | null;
            answeredAt: string | null;
            createdAt: string;
            /** @description Grows with every change: a client keeps the highest it saw */
            version: number;
        };
        LiveViewerDto: {
            /** @description An organiser of the session: moderates, sets the presenter, attaches replays */
            moderator: boolean;
            /** @description Projects of the viewer’s organisation presenting in the session (their questions it answers) */
            presenterProjectIds: string[];
            /** @description Questions are open (the session is published) */
            canAsk: boolean;
            /** @description An investor: may press interested */
            investor: boolean;
            /** @description Projects of the session the viewer’s organisation already registered interest in */
            interestedProjectIds: string[];
        };
        LiveRoomDto: {
            session: components["schemas"]["SessionDto"];
            /**
             * @description ended: the replay page
             * @enum {string}
             */
            phase: "upcoming" | "live" | "ended" | "cancelled";
            player: components["schemas"]["PlayerDto"] | null;
            slots: components["schemas"]["LiveSlotDto"][];
            presenting: components["schemas"]["PresentingDto"];
            /** @description The slot an organiser set presenting, if any */
            organiserSlotId: string | null;
            /** @description Approved and answered questions; the viewer’s own in any state; moderators all */
            questions: components["schemas"]["LiveQuestionDto"][];
            viewer: components["schemas"]["LiveViewerDto"];
            /** @description The last live event included: open the event stream with Last-Event-ID set to it */
            lastEventId: number;
            serverTime: string;
        };
        AskQuestionDto: {
            /** @example 量产良率目前是多少？ */
            body: string;
            /** @description The slot the question is for; default: the slot presenting now */
            slotId?: string;
        };
        RejectQuestionDto: {
            /** @description Told to the asker only */
            reason?: string;
        };
        AnswerQuestionDto: {
            answer: string;
        };
        SetPresenterDto: {
            /**
             * Format: uuid
             * @description The slot presenting from now on
             */
            slotId: string;
        };
        LiveInterestDto: {
            /**
             * Format: uuid
             * @description The slot the viewer saw presenting; refused (409) when another slot presents by now
             */
            slotId: string;
        };
        AttachReplayDto: {
            /**
             * Format: uri
             * @description The replay: an HLS playlist or a provider’s player page, https on a host of LIVE_STREAM_HOSTS
             */
            url: string;
        };
        RoleCountDto: {
            role: string;
            count: number;
        };
        LiveStatsDto: {
            sessionId: string;
            /** @description People who opened the live or replay page (each once) */
            attendees: number;
            attendeesByRole: components["schemas"]["RoleCountDto"][];
            questionsAsked: number;
            questionsPending: number;
            /** @description Approved, answered or not */
            questionsApproved: number;
            questionsRejected: number;
            questionsAnswered: number;
        };
        RubricCriterionDto: {
            /** @example technology */
            key: string;
            /** @example 技术先进性 */
            name: string;
            /** @example Technology */
            nameEn: string;
            /**
             * @description Whole percent; the weights of a rubric add up to 100
             * @example 30
             */
            weight: number;
        };
        RubricDto: {
            id: string;
            key: string;
            version: number;
            name: string;
            scaleMin: number;
            scaleMax: number;
            criteria: components["schemas"]["RubricCriterionDto"][];
            isActive: boolean;
            createdAt: string;
        };
        PublishRubricDto: {
            /**
             * @description The rubric whose next version this is; screening rounds use the active version of "default"
             * @example default
             */
            key: string;
            /** @example 路演项目评审标准 */
            name: string;
            /** @example 1 */
            scaleMin: number;
            /** @example 10 */
            scaleMax: number;
            criteria: components["schemas"]["RubricCriterionDto"][];
        };
        ExpertDto: {
            userId: string;
            displayName: string;
            organizationName: string;
            role: string;
            expertise: string[];
            active: boolean;
        };
        UpsertExpertDto: {
            /**
             * @description Fields of expertise (industries)
             * @example [
             *       "new_materials"
             *     ]
             */
            expertise?: string[];
            /** @default true */
            active: boolean;
        };
        AssignmentDto: {
            id: string;
            roundId: string;
            reviewerUserId: string;
            reviewerName: string;
            reviewerOrganization: string;
            /** @enum {string} */
            status: "assigned" | "cleared" | "excluded" | "submitted";
            /** @enum {string|null} */
            exclusionReason: "declared" | "same_organisation" | "same_controller_group" | "hosts_applicant" | "investor_interest" | null;
            conflictRelation: string | null;
            conflictNote: string | null;
            scores: {
                [key: string]: number;
            } | null;
            weightedScore: number | null;
            comment: string | null;
            commentShareable: boolean;
            assignedAt: string;
            submittedAt: string | null;
        };
        ScoreAggregateDto: {
            reviews: number;
            /** @description Mean of the reviewers’ weighted scores, on the rubric’s scale */
            weightedMean: number | null;
            /** @description Mean score per criterion */
            criteria: {
                [key: string]: number;
            };
        };
        RoundDto: {
            id: string;
            projectId: string;
            projectNumber: string;
            projectTitle: string;
            applicantName: string;
            roundNo: number;
            caseId: string;
            blind: boolean;
            minReviews: number;
            /** @enum {string} */
            status: "open" | "passed" | "rejected" | "revise_requested" | "withdrawn";
            rubric: components["schemas"]["RubricDto"];
            assignments: components["schemas"]["AssignmentDto"][];
            aggregate: components["schemas"]["ScoreAggregateDto"];
            /** @description Whether the caller may decide now: an organiser, not assigned to this round, minimum reached, round open */
            canDecide: boolean;
            decisionComment: string | null;
            decidedBy: string | null;
            decidedAt: string | null;
            openedAt: string;
        };
        RoundSettingsDto: {
            /** @description Blind review: reviewers do not see who applied */
            blind?: boolean;
            /** @description Submitted reviews needed before a decision */
            minReviews?: number;
        };
        AssignReviewerDto: {
            /**
             * Format: uuid
             * @description A user of the expert pool
             */
            userId: string;
        };
        DecideRoundDto: {
            /**
             * @description pass (通过), reject (不通过) or revise (修改后重新提交)
             * @enum {string}
             */
            decision: "pass" | "reject" | "revise";
            /** @description Required to reject or ask for a revision; the enterprise reads it */
            comment?: string;
        };
        ReviewedProjectDto: {
            title: string;
            summary: string;
            industry: string;
            stage: string;
            financingAskFen: number;
            /** @description null in a blind round */
            projectNumber: string | null;
            /** @description null in a blind round */
            applicantName: string | null;
            /** @description null in a blind round */
            regionCode: string | null;
            /** @description Team members’ roles; their names only outside blind rounds */
            team: string[];
            hasDeck: boolean;
        };
        ReviewTaskDto: {
            assignmentId: string;
            roundId: string;
            /** @description A code for the round that names nobody, e.g. R-3F2A9C-1 */
            roundCode: string;
            roundNo: number;
            blind: boolean;
            /** @enum {string} */
            roundStatus: "open" | "passed" | "rejected" | "revise_requested" | "withdrawn";
            /** @enum {string} */
            status: "assigned" | "cleared" | "excluded" | "submitted";
            exclusionReason: string | null;
            /** @description Before declaring: industry and stage (and, outside blind rounds, the applicant) to judge a conflict */
            industry: string;
            stage: string;
            /** @description Outside blind rounds only */
            applicantName: string | null;
            /** @description Once cleared of conflicts */
            project: components["schemas"]["ReviewedProjectDto"] | null;
            rubric: components["schemas"]["RubricDto"];
            scores: {
                [key: string]: number;
            } | null;
            weightedScore: number | null;
            comment: string | null;
            assignedAt: string;
        };
        DeclareConflictDto: {
            /** @description true: I have a conflict of interest with this project (I am excluded) */
            conflicted: boolean;
            /** @enum {string} */
            relation?: "employment" | "shareholding" | "family" | "collaboration" | "competitor" | "other";
            /** @description Required with a conflict: the relation in a sentence */
            reason?: string;
        };
        SubmitReviewDto: {
            /**
             * @description One whole score per criterion of the round’s rubric, within its scale
             * @example {
             *       "technology": 8,
             *       "market": 7,
             *       "team": 8,
             *       "business_model": 6,
             *       "landing_intent": 9
             *     }
             */
            scores: {
                [key: string]: number;
            };
            /** @description The review in words (10–4000 characters) */
            comment: string;
            /** @description The enterprise may read this comment (never who wrote it in a blind round) */
            commentShareable: boolean;
        };
        SharedCommentDto: {
            /** @description null in a blind round */
            reviewerName: string | null;
            comment: string;
        };
        ApplicantRoundDto: {
            roundNo: number;
            blind: boolean;
            /** @enum {string} */
            status: "open" | "passed" | "rejected" | "revise_requested" | "withdrawn";
            decisionComment: string | null;
            decidedAt: string | null;
            openedAt: string;
            /** @description Once decided */
            aggregate: components["schemas"]["ScoreAggregateDto"] | null;
            rubric: components["schemas"]["RubricDto"];
            /** @description Comments reviewers marked shareable, once decided */
            comments: components["schemas"]["SharedCommentDto"][];
        };
        CoachingItemInputDto: {
            /** @example 补充核心专利清单 */
            description: string;
            /**
             * Format: uuid
             * @description Who does it (a user of the enterprise or the roadshow centre)
             */
            ownerUserId: string;
            /**
             * @description Due (Shanghai calendar day)
             * @example 2026-12-20
             */
            dueOn: string;
        };
        CreateCoachingRecordDto: {
            /**
             * @description Who coached
             * @example 王导师（嘉兴科创路演中心）
             */
            coachName: string;
            /** @description The coach’s user, when they have one */
            coachUserId?: string;
            /**
             * Format: date-time
             * @description When the coaching took place
             * @example 2026-03-10T09:30:00+08:00
             */
            coachedAt: string;
            /** @description Advice given */
            advice: string;
            items?: components["schemas"]["CoachingItemInputDto"][];
        };
        CoachingItemDto: {
            id: string;
            description: string;
            ownerUserId: string;
            ownerName: string;
            dueOn: string;
            /** @enum {string} */
            status: "open" | "done" | "dropped";
            /** @description Open and past its due day (Shanghai) */
            overdue: boolean;
        };
        CoachingRecordDto: {
            id: string;
            projectId: string;
            coachName: string;
            coachUserId: string | null;
            coachedAt: string;
            advice: string;
            items: components["schemas"]["CoachingItemDto"][];
            createdAt: string;
        };
        CoachingItemStatusDto: {
            /** @enum {string} */
            event: "complete" | "drop";
        };
        CreateFollowUpDto: {
            /** @enum {string} */
            topic: "financing_closed" | "landed" | "other";
            /** @example 本轮融资是否已交割？ */
            question: string;
            /**
             * Format: date-time
             * @description When the answer is due; the person responsible is reminded then
             * @example 2026-03-10T09:30:00+08:00
             */
            dueAt: string;
            /**
             * Format: uuid
             * @description The person responsible (reminded at the due time)
             */
            responsibleUserId: string;
        };
        FollowUpDto: {
            id: string;
            projectId: string;
            projectTitle: string;
            /** @enum {string} */
            topic: "financing_closed" | "landed" | "other";
            question: string;
            dueAt: string;
            responsibleUserId: string;
            responsibleName: string;
            /** @enum {string} */
            status: "open" | "done" | "cancelled";
            answer: string | null;
            remindedAt: string | null;
            overdue: boolean;
        };
        CloseFollowUpDto: {
            /** @enum {string} */
            event: "complete" | "cancel";
            /** @description The answer (e.g. "closed on 12 Dec, 3000万") */
            answer?: string;
        };
        CreateSeriesDto: {
            /** @example G60 科创路演联盟月度路演 */
            title: string;
            /**
             * @description Member G60 cities in rotation order (each once, at least two)
             * @example [
             *       "310117",
             *       "330400",
             *       "330100"
             *     ]
             */
            rotationCityCodes: string[];
        };
        SeriesDto: {
            id: string;
            title: string;
            /** @description Member cities in rotation order */
            rotationCityCodes: string[];
            /** @description Members that opted out: skipped by the rotation */
            optedOutCityCodes: string[];
            /** @description The city that hosts the next session (null when every member opted out) */
            nextHostCityCode: string | null;
            sessionsCreated: number;
            createdAt: string;
            version: number;
        };
        SeriesDetailDto: {
            series: components["schemas"]["SeriesDto"];
            /** @description Its sessions, in series order */
            sessions: components["schemas"]["SessionDto"][];
        };
        SeriesCityDto: {
            /**
             * @description The platform names the city; a city organiser acts for its own (omit it)
             * @example 330100
             */
            cityCode?: string;
        };
        CreateSeriesSessionDto: {
            /** @example G60 科创路演联盟 12 月路演 */
            title: string;
            /** @description Co-host cities to invite; default: every other member that has not opted out */
            coHostCityCodes?: string[];
            /**
             * Format: uuid
             * @description The venue, in the next host city (GET the series for nextHostCityCode)
             */
            venueId: string;
            /** @description A stream makes the session hybrid (a live page) */
            streamUrl?: string;
            /** @enum {string} */
            liveAccess?: "registered" | "public";
            capacity?: number;
            /**
             * Format: date-time
             * @description Start of the session
             * @example 2026-03-10T09:30:00+08:00
             */
            startsAt: string;
            /**
             * Format: date-time
             * @description End of the session
             * @example 2026-03-10T09:30:00+08:00
             */
            endsAt: string;
            /** @example 10 */
            pitchMinutes: number;
            /** @example 5 */
            qaMinutes: number;
            themeIndustries: ("integrated_circuits" | "artificial_intelligence" | "biomedicine" | "high_end_equipment" | "new_energy" | "new_materials" | "new_energy_vehicles" | "digital_economy" | "other")[];
        };
        CreateReferralDto: {
            /** Format: uuid */
            projectId: string;
            /**
             * @description The receiving G60 city
             * @example 330100
             */
            toCityCode: string;
            /** @description One of the receiving city’s sessions (draft or published); omitted: its next session */
            sessionId?: string;
            note?: string;
        };
        ReferralDto: {
            id: string;
            projectId: string;
            projectNumber: string;
            projectTitle: string;
            industry: string;
            fromCityCode: string;
            toCityCode: string;
            /** @description The session referred to; null: the receiving city’s next session */
            sessionId: string | null;
            sessionTitle: string | null;
            /** @enum {string} */
            status: "pending" | "accepted" | "declined" | "withdrawn";
            note: string | null;
            declineReason: string | null;
            decidedAt: string | null;
            createdAt: string;
        };
        DeclineReferralDto: {
            /** @description Why the receiving city declines (shown to the referring city) */
            reason: string;
        };
        CityProjectDto: {
            id: string;
            number: string;
            title: string;
            industry: string;
            stage: string;
            regionCode: string;
            status: string;
            /**
             * @description own: submitted in the city; referred: another city referred it and this city accepted
             * @enum {string}
             */
            source: "own" | "referred";
        };
        /** @description The body of every failing request. Clients branch on `code`, never on `message`. */
        ErrorBody: {
            /** @description The HTTP status, repeated */
            statusCode: number;
            /** @enum {string} */
            code: "ALREADY_EXISTS" | "API_KEY_INVALID" | "API_KEY_NOT_ALLOWED" | "API_KEY_OUT_OF_SCOPE" | "APPLICANT_BARRED" | "BUSINESS_RULE_VIOLATED" | "CONFLICT" | "DECIDER_REVIEWED_ROUND" | "FORBIDDEN" | "IDEMPOTENCY_IN_PROGRESS" | "IDEMPOTENCY_KEY_REUSED" | "ILLEGAL_TRANSITION" | "INTERNAL_ERROR" | "INVALID_CREDENTIALS" | "LIVE_NOT_ADMITTED" | "MALFORMED_JSON" | "NOT_AN_EXPERT" | "NOT_FOUND" | "OWN_QUESTION" | "PASSWORD_RESET_REQUIRED" | "PAYLOAD_TOO_LARGE" | "RATE_LIMITED" | "RECOVERY_EXCEEDS_OUTSTANDING" | "REVIEWER_CONFLICTED" | "REVIEWS_BELOW_MINIMUM" | "SECOND_PERSON_REQUIRED" | "SERVICE_UNAVAILABLE" | "TOKEN_REVOKED" | "UNAUTHENTICATED" | "UNSUPPORTED_MEDIA_TYPE" | "VALIDATION_FAILED";
            /** @description Human text; may change between versions */
            message: string;
            /** @description Field problems of a validation failure, or facts about the refusal */
            details?: {
                field: string;
                message: string;
            }[] | {
                [key: string]: unknown;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    DemoLoginsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DemoLoginDto"][];
                };
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairDto"];
                };
            };
        };
    };
    AuthController_refresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairDto"];
                };
            };
        };
    };
    AuthController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_changePassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_forgotPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ForgotPasswordDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_completePasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompletePasswordResetDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_forcePasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasswordResetIssuedDto"];
                };
            };
        };
    };
    AuthController_setPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MePreferencesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MePreferencesAnswerDto"];
                };
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeDto"];
                };
            };
        };
    };
    OidcController_options: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsoOptionsDto"];
                };
            };
        };
    };
    OidcController_start: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Location: the provider’s authorization URL */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OidcController_callback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Location: the portal’s login page with the ticket or the reason in its fragment */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OidcController_exchange: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SsoTicketDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPairDto"];
                };
            };
        };
    };
    ApiKeysController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"][];
                };
            };
        };
    };
    ApiKeysController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreatedDto"];
                };
            };
        };
    };
    ApiKeysController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDto"];
                };
            };
        };
    };
    AuditController_list: {
        parameters: {
            query?: {
                subjectType?: string;
                subjectId?: string;
                /** @description Exact action, or a prefix ending in * (e.g. provider.admission.*) */
                action?: string;
                actorUserId?: string;
                organizationId?: string;
                from?: string;
                to?: string;
                /** @description Return events with id below this (paging backwards: pass nextBeforeId) */
                beforeId?: number;
                /**
                 * @deprecated
                 * @description Only sealed events with seq below this; page with beforeId instead
                 */
                beforeSeq?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPageDto"];
                };
            };
        };
    };
    AuditController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerificationDto"];
                };
            };
        };
    };
    HealthController_health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {status, checks, queueBackend} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {status, checks, queueBackend} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {status: "ok", draining} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    QueueAdminController_counts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description {queue: {state: count}} */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: {
                            [key: string]: number;
                        };
                    };
                };
            };
        };
    };
    QueueAdminController_list: {
        parameters: {
            query?: {
                state?: "failed" | "waiting" | "active" | "delayed" | "completed";
                limit?: number;
            };
            header?: never;
            path: {
                queue: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobSummaryDto"][];
                };
            };
        };
    };
    QueueAdminController_retry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                queue: string;
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobSummaryDto"];
                };
            };
        };
    };
    QueueAdminController_discard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                queue: string;
                jobId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DiscardJobDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobSummaryDto"];
                };
            };
        };
    };
    NotificationPreferencesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPreferencesDto"];
                };
            };
        };
    };
    NotificationPreferencesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateNotificationPreferencesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPreferencesDto"];
                };
            };
        };
    };
    MessageDeliveriesController_list: {
        parameters: {
            query?: {
                status?: "pending" | "sending" | "sent" | "failed";
                channel?: "email" | "sms";
                limit?: number;
                /** @description Rows to skip, newest first: the next page is offset + limit */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageDeliveryDto"][];
                };
            };
        };
    };
    ApprovalsController_inbox: {
        parameters: {
            query?: {
                status?: "open" | "approved" | "rejected" | "returned" | "cancelled";
                /** @description Stage key, e.g. district_review */
                stage?: string;
                /** @description Only tasks past their SLA */
                overdue?: boolean;
                subjectType?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDto"][];
                };
            };
        };
    };
    ApprovalsController_decideBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BatchDecisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchDecisionResultDto"][];
                };
            };
        };
    };
    ApprovalsController_decide: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDto"];
                };
            };
        };
    };
    ApprovalsController_claim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDto"];
                };
            };
        };
    };
    ApprovalsController_release: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDto"];
                };
            };
        };
    };
    ApprovalsController_listCases: {
        parameters: {
            query?: {
                status?: string;
                subjectType?: string;
                limit?: number;
                /** @description Cases to skip, newest first: the next page is offset + limit */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDto"][];
                };
            };
        };
    };
    ApprovalsController_caseDetail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDetailDto"];
                };
            };
        };
    };
    ApprovalsController_resubmit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResubmitDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDto"];
                };
            };
        };
    };
    ApprovalsController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDto"];
                };
            };
        };
    };
    ApprovalsController_publicNotices: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicNoticeDto"][];
                };
            };
        };
    };
    ApprovalsController_object: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ObjectionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseDto"];
                };
            };
        };
    };
    ApprovalsController_metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalMetricsDto"];
                };
            };
        };
    };
    ApprovalsController_listDefinitions: {
        parameters: {
            query?: {
                /** @description true: every version, not only the active ones */
                all?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DefinitionDto"][];
                };
            };
        };
    };
    ApprovalsController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDefinitionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DefinitionDto"];
                };
            };
        };
    };
    ApprovalsController_getDefinition: {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DefinitionDto"];
                };
            };
        };
    };
    OrganizationsController_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegistrationResultDto"];
                };
            };
        };
    };
    OrganizationsController_acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisteredUserDto"];
                };
            };
        };
    };
    OrganizationsController_list: {
        parameters: {
            query?: {
                kind?: "enterprise" | "provider" | "investor" | "agency" | "team";
                regionCode?: string;
                admissionStatus?: "applied" | "in_review" | "public_notice" | "active" | "suspended" | "revoked" | "rejected" | "withdrawn";
                /** @description Name contains */
                q?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"][];
                };
            };
        };
    };
    OrganizationsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
        };
    };
    OrganizationsController_updateProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProfileDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
        };
    };
    OrganizationsController_invite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInvitationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationDto"];
                };
            };
        };
    };
    OrganizationsController_transitionAdmission: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdmissionTransitionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
        };
    };
    OrganizationsController_createAgency: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAgencyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
        };
    };
    RegionsController_list: {
        parameters: {
            query?: {
                /** @description Only the regions directly under this one; "none" for the provinces and municipalities */
                parent?: string;
                /** @description Code starts with, or Chinese or English name contains */
                q?: string;
                issuing?: boolean;
                kind?: "province" | "municipality" | "city" | "district" | "county";
                /** @description Search the whole GB/T 2260 list even without another filter */
                all?: boolean;
                /** @description With a filter: page size */
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegionDto"][];
                };
            };
        };
    };
    RegionsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRegionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegionDto"];
                };
            };
        };
    };
    RegionsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRegionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegionDto"];
                };
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: {
                role?: "enterprise_user" | "provider_user" | "reviewer" | "approver" | "finance" | "partner_admin" | "investor" | "platform_admin" | "roadshow_organiser";
                /** @description E-mail, display name or organisation name contains */
                q?: string;
                page?: number;
                pageSize?: number;
                /** @description Users of organisations in this region or any region under it */
                regionCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPageDto"];
                };
            };
        };
    };
    UsersController_listOfOrganization: {
        parameters: {
            query?: {
                role?: "enterprise_user" | "provider_user" | "reviewer" | "approver" | "finance" | "partner_admin" | "investor" | "platform_admin" | "roadshow_organiser";
                /** @description E-mail, display name or organisation name contains */
                q?: string;
                page?: number;
                pageSize?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPageDto"];
                };
            };
        };
    };
    QualificationsController_declare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** @description A qualification kind code (GET /qualification-kinds): tech_sme, high_tech, specialised_sme, little_giant, … */
                    kind: string;
                    certificateNo: string;
                    /** @description 发证机关 */
                    issuer: string;
                    /** Format: date */
                    validFrom: string;
                    /** Format: date */
                    validTo: string;
                    /**
                     * Format: binary
                     * @description The certificate scan: PDF, PNG or JPEG (checked by content), at most QUALIFICATION_FILE_MAX_BYTES
                     */
                    certificate: string;
                };
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QualificationDto"];
                };
            };
        };
    };
    QualificationsController_kinds: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QualificationKindDto"][];
                };
            };
        };
    };
    QualificationsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QualificationDto"];
                };
            };
        };
    };
    QualificationsController_downloadCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The certificate file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such qualification or file, or not yours to read (not disclosed which) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    QualificationsController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevokeQualificationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QualificationDto"];
                };
            };
        };
    };
    ControllerGroupsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ControllerGroupDto"][];
                };
            };
        };
    };
    ControllerGroupsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateControllerGroupDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ControllerGroupDto"];
                };
            };
        };
    };
    ControllerGroupsController_detail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ControllerGroupDetailDto"];
                };
            };
        };
    };
    ControllerGroupsController_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkControllerGroupDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationDto"];
                };
            };
        };
    };
    ControllerGroupsController_listRequests: {
        parameters: {
            query?: {
                status?: "submitted" | "in_review" | "returned" | "approved" | "rejected" | "withdrawn";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequestDto"][];
                };
            };
        };
    };
    ControllerGroupsController_request: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateChangeRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequestDto"];
                };
            };
        };
    };
    ControllerGroupsController_getRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeRequestDto"];
                };
            };
        };
    };
    InnovationTeamsController_hosts: {
        parameters: {
            query: {
                /** @description Name contains (at least 2 characters) */
                q: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HostOrganizationDto"][];
                };
            };
        };
    };
    InnovationTeamsController_members: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InnovationTeamMembersDto"];
                };
            };
        };
    };
    InnovationTeamsController_addMember: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewInnovationTeamMemberDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InnovationTeamMemberDto"];
                };
            };
        };
    };
    InnovationTeamsController_removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                memberId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InnovationTeamMemberDto"];
                };
            };
        };
    };
    NotificationsController_inbox: {
        parameters: {
            query?: {
                /** @description Only unread notifications */
                unread?: boolean;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationInboxDto"];
                };
            };
        };
    };
    NotificationsController_markRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationDto"];
                };
            };
        };
    };
    NotificationsController_markAllRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarkAllReadResultDto"];
                };
            };
        };
    };
    CatalogController_categories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceCategoryDto"][];
                };
            };
        };
    };
    CatalogController_search: {
        parameters: {
            query?: {
                /** @description Keywords; Chinese works from one character (光, 光谱, 电感耦合等离子体) */
                q?: string;
                category?: string;
                /** @description Provider region, including the regions under it */
                regionCode?: string;
                providerId?: string;
                /** @description Only services the caller’s issuing city recognises today: local providers, or an agreement in force */
                recognisedOnly?: boolean;
                limit?: number;
                /**
                 * @deprecated
                 * @description Deprecated: use cursor. Skips this many results of the same order (each page costs more the further it is); not with cursor
                 */
                offset?: number;
                /** @description nextCursor of the previous page of the same search (opaque); the page after it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogSearchResultDto"];
                };
            };
        };
    };
    CatalogController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCatalogServiceDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogServiceDto"];
                };
            };
        };
    };
    CatalogController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogServiceDto"];
                };
            };
        };
    };
    CatalogController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCatalogServiceDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogServiceDto"];
                };
            };
        };
    };
    CatalogController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogServiceDto"];
                };
            };
        };
    };
    OpenCatalogController_categories: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceCategoryDto"][];
                };
            };
        };
    };
    OpenCatalogController_search: {
        parameters: {
            query?: {
                /** @description Keywords; Chinese works from one character (光, 光谱, 电感耦合等离子体) */
                q?: string;
                category?: string;
                /** @description Provider region, including the regions under it */
                regionCode?: string;
                providerId?: string;
                limit?: number;
                /**
                 * @deprecated
                 * @description Deprecated: use cursor. Skips this many results of the same order (each page costs more the further it is); not with cursor
                 */
                offset?: number;
                /** @description nextCursor of the previous page of the same search (opaque); the page after it */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogSearchResultDto"];
                };
            };
        };
    };
    CatalogImportsController_list: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogImportDto"][];
                };
            };
        };
    };
    CatalogImportsController_create: {
        parameters: {
            query?: {
                /** @description reject (default): a file with any invalid row merges nothing and reports every bad row; skip: merge the valid rows and report the rest */
                invalidRows?: "reject" | "skip";
                /** @description The file is the full catalogue of each provider it names: their listed services whose code it does not name are withdrawn (下架). Orders already placed keep referring to a withdrawn service. */
                withdrawMissing?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogImportDto"];
                };
            };
        };
    };
    CatalogImportsController_template: {
        parameters: {
            query?: {
                format?: "csv" | "xlsx";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CatalogImportsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogImportDto"];
                };
            };
        };
    };
    CatalogImportsController_errors: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogImportErrorDto"][];
                };
            };
        };
    };
    CatalogImportsController_changes: {
        parameters: {
            query: {
                limit?: number;
                offset?: number;
                kind: "added" | "changed" | "withdrawn" | "unchanged";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogImportChangesDto"];
                };
            };
        };
    };
    RecognitionAgreementsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecognitionAgreementDto"][];
                };
            };
        };
    };
    RecognitionAgreementsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRecognitionAgreementDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecognitionAgreementDetailDto"];
                };
            };
        };
    };
    RecognitionAgreementsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecognitionAgreementDetailDto"];
                };
            };
        };
    };
    RecognitionAgreementsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRecognitionAgreementDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecognitionAgreementDetailDto"];
                };
            };
        };
    };
    RecognitionAgreementsController_sign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignAgreementDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecognitionAgreementDetailDto"];
                };
            };
        };
    };
    RecognitionAgreementsController_amend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AmendAgreementDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecognitionAgreementDetailDto"];
                };
            };
        };
    };
    RecognitionAgreementsController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TerminateAgreementDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecognitionAgreementDetailDto"];
                };
            };
        };
    };
    RecognitionAgreementsController_addProviders: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddAgreementProvidersDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecognitionAgreementDetailDto"];
                };
            };
        };
    };
    RecognitionAgreementsController_addServices: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddAgreementServicesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecognitionAgreementDetailDto"];
                };
            };
        };
    };
    RecognitionAgreementsController_terminate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TerminateAgreementDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecognitionAgreementDetailDto"];
                };
            };
        };
    };
    FourEyesController_list: {
        parameters: {
            query?: {
                status?: "pending" | "confirmed" | "cancelled";
                kind?: "voucher_revocation" | "claim_claw_back";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FourEyesRequestDto"][];
                };
            };
        };
    };
    FourEyesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FourEyesRequestDto"];
                };
            };
        };
    };
    FourEyesController_confirm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FourEyesDecisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FourEyesRequestDto"];
                };
            };
        };
    };
    FourEyesController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FourEyesDecisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FourEyesRequestDto"];
                };
            };
        };
    };
    ProgramsController_list: {
        parameters: {
            query?: {
                status?: "draft" | "open" | "closed";
                year?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramDto"][];
                };
            };
        };
    };
    ProgramsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProgramDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramDto"];
                };
            };
        };
    };
    ProgramsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramDto"];
                };
            };
        };
    };
    ProgramsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateDraftProgramDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramDto"];
                };
            };
        };
    };
    ProgramsController_setEnglishName: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProgramEnglishNameDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramDto"];
                };
            };
        };
    };
    ProgramsController_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramVersionDto"][];
                };
            };
        };
    };
    ProgramsController_addVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateVersionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramVersionDto"];
                };
            };
        };
    };
    ProgramsController_topUps: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopUpRecordDto"][];
                };
            };
        };
    };
    ProgramsController_topUp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TopUpDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopUpRecordDto"];
                };
            };
        };
    };
    ProgramsController_open: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramDto"];
                };
            };
        };
    };
    ProgramsController_close: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CloseProgramDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramDto"];
                };
            };
        };
    };
    ProgramsController_budget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetDto"];
                };
            };
        };
    };
    VouchersController_listApplications: {
        parameters: {
            query?: {
                programId?: string;
                status?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationDto"][];
                };
            };
        };
    };
    VouchersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApplicationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationDto"];
                };
            };
        };
    };
    VouchersController_getApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationDto"];
                };
            };
        };
    };
    VouchersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateApplicationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationDto"];
                };
            };
        };
    };
    VouchersController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitApplicationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationDto"];
                };
            };
        };
    };
    VouchersController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationDto"];
                };
            };
        };
    };
    VouchersController_list: {
        parameters: {
            query?: {
                programId?: string;
                status?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoucherDto"][];
                };
            };
        };
    };
    VouchersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoucherDto"];
                };
            };
        };
    };
    VouchersController_statement: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoucherStatementDto"];
                };
            };
        };
    };
    VouchersController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevokeVoucherDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VoucherDto"];
                };
            };
        };
    };
    ProgramLimitsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationLimitsDto"];
                };
            };
        };
    };
    ControllerGroupUsageController_usage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ControllerGroupUsageDto"];
                };
            };
        };
    };
    OrdersController_list: {
        parameters: {
            query?: {
                status?: "created" | "accepted" | "declined" | "delivered" | "confirmed" | "disputed" | "claimed" | "settled" | "cancelled" | "rejected";
                voucherId?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"][];
                };
            };
        };
    };
    OrdersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrderDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"];
                };
            };
        };
    };
    OrdersController_quote: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrderDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderQuoteDto"];
                };
            };
        };
    };
    OrdersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"];
                };
            };
        };
    };
    OrdersController_accept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"];
                };
            };
        };
    };
    OrdersController_decline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"];
                };
            };
        };
    };
    OrdersController_deliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeliverOrderDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"];
                };
            };
        };
    };
    OrdersController_confirm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"];
                };
            };
        };
    };
    OrdersController_dispute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"];
                };
            };
        };
    };
    OrdersController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OptionalReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderDto"];
                };
            };
        };
    };
    RatingsController_rate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RateOrderDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingDto"];
                };
            };
        };
    };
    RatingsController_reply: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplyToRatingDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingDto"];
                };
            };
        };
    };
    RatingsController_list: {
        parameters: {
            query?: {
                serviceId?: string;
                providerId?: string;
                /** @description true: the ratings the caller’s enterprise gave, or its provider received */
                mine?: boolean;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatingDto"][];
                };
            };
        };
    };
    ClaimsController_list: {
        parameters: {
            query?: {
                status?: "submitted" | "in_review" | "approved" | "paid" | "rejected" | "returned" | "withdrawn" | "clawed_back" | "recovered";
                programId?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimDto"][];
                };
            };
        };
    };
    ClaimsController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitClaimDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimDto"];
                };
            };
        };
    };
    ClaimsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimDto"];
                };
            };
        };
    };
    ClaimsController_updateDocuments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateClaimDocumentsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimDto"];
                };
            };
        };
    };
    ClaimsController_resubmit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResubmitClaimDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimDto"];
                };
            };
        };
    };
    ClaimsController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimDto"];
                };
            };
        };
    };
    ClaimsController_clawBack: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClawBackDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimDto"];
                };
            };
        };
    };
    ClaimsController_listRecoveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClaimRecoveryDto"][];
                };
            };
        };
    };
    ClaimsController_recordRecovery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordRecoveryDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordedRecoveryDto"];
                };
            };
        };
    };
    SettlementController_list: {
        parameters: {
            query?: {
                programId?: string;
                status?: "open" | "closed" | "approved" | "paid" | "reconciled";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchDto"][];
                };
            };
        };
    };
    SettlementController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchDto"];
                };
            };
        };
    };
    SettlementController_close: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchDto"];
                };
            };
        };
    };
    SettlementController_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchDto"];
                };
            };
        };
    };
    SettlementController_pay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PayBatchDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchDto"];
                };
            };
        };
    };
    SettlementController_reconcile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReconcileBatchDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchDto"];
                };
            };
        };
    };
    SettlementController_statement: {
        parameters: {
            query?: {
                by?: "payee" | "partner_region";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatementDto"];
                };
            };
        };
    };
    SettlementController_statementCsv: {
        parameters: {
            query?: {
                by?: "payee" | "partner_region";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SettlementController_statementXlsx: {
        parameters: {
            query?: {
                by?: "payee" | "partner_region";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SettlementController_runDaily: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunDailyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DailyRunDto"];
                };
            };
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DailyRunQueuedDto"];
                };
            };
        };
    };
    MisconductController_list: {
        parameters: {
            query?: {
                status?: "pending_confirmation" | "in_force" | "cancelled" | "lifted";
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MisconductRecordDto"][];
                };
            };
        };
    };
    MisconductController_record: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordMisconductDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MisconductRecordDto"];
                };
            };
        };
    };
    MisconductController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MisconductRecordDto"];
                };
            };
        };
    };
    MisconductController_confirm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MisconductRecordDto"];
                };
            };
        };
    };
    MisconductController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MisconductDecisionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MisconductRecordDto"];
                };
            };
        };
    };
    MisconductController_lift: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LiftMisconductDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MisconductRecordDto"];
                };
            };
        };
    };
    DashboardsController_budgetByDistrict: {
        parameters: {
            query: {
                /** @description The voucher programme */
                programId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BudgetByDistrictDto"];
                };
            };
        };
    };
    DashboardsController_crossRegionFlow: {
        parameters: {
            query: {
                /** @description The voucher programme */
                programId: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CrossRegionFlowDto"];
                };
            };
        };
    };
    DashboardsController_approvalTimes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StageTimeRowDto"][];
                };
            };
        };
    };
    DashboardsController_map: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderMapRowDto"][];
                };
            };
        };
    };
    DashboardsController_mapLayers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MapLayersDto"];
                };
            };
        };
    };
    PublicBigScreenController_bigScreen: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BigScreenDto"];
                };
            };
            /** @description More than BIG_SCREEN_RATE_LIMIT_PER_MINUTE requests from one client address in a minute; Retry-After says when to come back */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    LifecyclesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecycleDto"][];
                };
            };
        };
    };
    WebhooksController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"][];
                };
            };
        };
    };
    WebhooksController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
        };
    };
    WebhooksController_pause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
        };
    };
    WebhooksController_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
        };
    };
    WebhooksController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDto"];
                };
            };
        };
    };
    WebhooksController_deliveries: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryDto"][];
                };
            };
        };
    };
    WebhooksController_attempts: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookAttemptPageDto"];
                };
            };
        };
    };
    WebhookAllowedHostsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AllowedHostDto"][];
                };
            };
        };
    };
    WebhookAllowedHostsController_add: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddAllowedHostDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AllowedHostDto"];
                };
            };
        };
    };
    WebhookAllowedHostsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                host: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AllowedHostDto"];
                };
            };
        };
    };
    ProjectsController_list: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                status?: "collected" | "screening" | "returned" | "screened" | "coached" | "scheduled" | "presented" | "matched" | "landed" | "tracked" | "rejected" | "withdrawn";
                industry?: "integrated_circuits" | "artificial_intelligence" | "biomedicine" | "high_end_equipment" | "new_energy" | "new_materials" | "new_energy_vehicles" | "digital_economy" | "other";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"][];
                };
            };
        };
    };
    ProjectsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProjectDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
        };
    };
    ProjectsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
        };
    };
    ProjectsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProjectDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
        };
    };
    ProjectsController_availability: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetAvailabilityDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
        };
    };
    ProjectsController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
        };
    };
    ProjectsController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
        };
    };
    ProjectsController_timeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectTimelineDto"];
                };
            };
        };
    };
    ProjectsController_transition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectTransitionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
        };
    };
    ProjectsController_downloadDeck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deck file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No deck, or not yours to read (not disclosed which) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ProjectsController_uploadDeck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description PDF or .pptx, at most 20 MiB
                     */
                    deck: string;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectDto"];
                };
            };
        };
    };
    ProjectsController_invite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeckInvitationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeckInvitationResultDto"];
                };
            };
        };
    };
    SessionsController_venues: {
        parameters: {
            query?: {
                /** @description Venues of this city */
                cityCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VenueDto"][];
                };
            };
        };
    };
    SessionsController_createVenue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateVenueDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VenueDto"];
                };
            };
        };
    };
    SessionsController_listSessions: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                status?: "draft" | "published" | "finished" | "cancelled";
                type?: "custom" | "alliance" | "cloud";
                /** @description Sessions this city hosts, co-hosts or is invited to co-host */
                cityCode?: string;
                /** @description Sessions of this alliance series */
                seriesId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDto"][];
                };
            };
        };
    };
    SessionsController_createSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSessionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDto"];
                };
            };
            /** @description The venue is booked for an overlapping session (details.conflictsWith), or over its capacity */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SessionsController_getSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDetailDto"];
                };
            };
        };
    };
    SessionsController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgendaVersionDto"];
                };
            };
        };
    };
    SessionsController_finish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDto"];
                };
            };
        };
    };
    SessionsController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDto"];
                };
            };
        };
    };
    SessionsController_agenda: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgendaDto"];
                };
            };
        };
    };
    SessionsController_agendaIcal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/calendar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
        };
    };
    SessionsController_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgendaVersionDto"][];
                };
            };
        };
    };
    SessionsController_assign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignSlotDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlotChangeDto"];
                };
            };
            /** @description Slot taken, presenter in an overlapping slot, already in the session, or outside the window */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    SessionsController_move: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                slotId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MoveSlotDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlotChangeDto"];
                };
            };
        };
    };
    SessionsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                slotId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlotChangeDto"];
                };
            };
        };
    };
    SessionsController_run: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleRunDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleResultDto"];
                };
            };
        };
    };
    SessionsController_requestsList: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionRequestDto"][];
                };
            };
        };
    };
    SessionsController_request: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSessionRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionRequestDto"];
                };
            };
        };
    };
    SessionsController_accept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptSessionRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionRequestDto"];
                };
            };
        };
    };
    SessionsController_decline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeclineSessionRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionRequestDto"];
                };
            };
        };
    };
    ProjectAgendaController_agenda: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgendaCollectionDto"];
                };
            };
        };
    };
    ProjectAgendaController_agendaIcal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/calendar, one VEVENT per slot, TZID Asia/Shanghai */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
        };
    };
    CoHostInvitationsController_list: {
        parameters: {
            query?: {
                /** @description Platform: one city’s invitations (a city organiser reads its own) */
                cityCode?: string;
                status?: "invited" | "accepted" | "declined" | "withdrawn";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoHostInvitationDto"][];
                };
            };
        };
    };
    CoHostInvitationsController_forSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoHostInvitationDto"][];
                };
            };
        };
    };
    CoHostInvitationsController_invite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteCoHostDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoHostInvitationDto"];
                };
            };
            /** @description Already invited or co-hosting; not an alliance session; session finished or cancelled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CoHostInvitationsController_accept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                cityCode: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnswerCoHostDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoHostInvitationDto"];
                };
            };
            /** @description ILLEGAL_TRANSITION: the invitation is not pending */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CoHostInvitationsController_decline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                cityCode: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnswerCoHostDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoHostInvitationDto"];
                };
            };
            /** @description ILLEGAL_TRANSITION: the invitation is not pending */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    CoHostInvitationsController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                cityCode: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoHostInvitationDto"];
                };
            };
        };
    };
    OpenSessionsController_list: {
        parameters: {
            query?: {
                /** @description Sessions ending at or after this instant (default: 24 hours ago) */
                from?: string;
                /** @description Sessions starting before this instant (default: 90 days after from) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenSessionDto"][];
                };
            };
        };
    };
    OpenSessionsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenSessionDetailDto"];
                };
            };
        };
    };
    CalendarFeedsController_status: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarFeedDto"];
                };
            };
        };
    };
    CalendarFeedsController_rotate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarFeedAddressDto"];
                };
            };
        };
    };
    CalendarFeedsController_feed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/calendar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
        };
    };
    InvestorsController_profile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvestorProfileDto"];
                };
            };
        };
    };
    InvestorsController_upsertProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpsertInvestorProfileDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvestorProfileDto"];
                };
            };
        };
    };
    InvestorsController_recommendations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecommendationDto"][];
                };
            };
        };
    };
    InvestorsController_myInterests: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterestDto"][];
                };
            };
        };
    };
    InvestorsController_transition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InterestTransitionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterestDto"];
                };
            };
        };
    };
    InvestorsController_agenda: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgendaCollectionDto"];
                };
            };
        };
    };
    InvestorsController_agendaIcal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/calendar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
        };
    };
    ProjectInterestsController_follow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowDto"];
                };
            };
        };
    };
    ProjectInterestsController_unfollow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowDto"];
                };
            };
        };
    };
    ProjectInterestsController_interestsOf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterestDto"][];
                };
            };
        };
    };
    ProjectInterestsController_interest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InterestNoteDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterestDto"];
                };
            };
        };
    };
    RsvpsController_myRsvp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RsvpDto"];
                };
            };
        };
    };
    RsvpsController_rsvp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RsvpDto"];
                };
            };
        };
    };
    RsvpsController_cancelRsvp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RsvpDto"];
                };
            };
        };
    };
    RsvpsController_listRsvps: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RsvpDto"][];
                };
            };
        };
    };
    ProjectOutcomesController_outcome: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutcomeDto"];
                };
            };
        };
    };
    ProjectOutcomesController_recordOutcome: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordOutcomeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OutcomeDto"];
                };
            };
        };
    };
    RoadshowStatsController_stats: {
        parameters: {
            query: {
                groupBy: "city" | "industry" | "session_type" | "month";
                /** @description First Shanghai calendar day of the period */
                from?: string;
                /** @description Last day of the period */
                to?: string;
                /** @description One G60 city only (a city organiser always reads its own city) */
                cityCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatsDto"];
                };
            };
        };
    };
    LiveController_live: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveRoomDto"];
                };
            };
            /** @description LIVE_NOT_ADMITTED: the live page is for the registered audience (RSVP first) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    LiveController_events: {
        parameters: {
            query?: {
                /** @description The same, for clients that cannot set the header */
                lastEventId?: string;
            };
            header?: {
                /** @description Resume after this event (what GET …/live answered as lastEventId, or the last id received) */
                "Last-Event-ID"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/event-stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description This process holds LIVE_MAX_CONNECTIONS streams: retry after Retry-After */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    LiveController_ask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AskQuestionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveQuestionDto"];
                };
            };
        };
    };
    LiveController_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                questionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveQuestionDto"];
                };
            };
            /** @description ILLEGAL_TRANSITION: not pending */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    LiveController_reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                questionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectQuestionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveQuestionDto"];
                };
            };
        };
    };
    LiveController_answer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                questionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnswerQuestionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveQuestionDto"];
                };
            };
        };
    };
    LiveController_presenter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetPresenterDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresentingDto"];
                };
            };
        };
    };
    LiveController_interest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LiveInterestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InterestDto"];
                };
            };
            /** @description Another slot presents by now (details.presentingSlotId), or ALREADY_EXISTS */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    LiveController_replay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                slotId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AttachReplayDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveSlotDto"];
                };
            };
        };
    };
    LiveController_stats: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LiveStatsDto"];
                };
            };
        };
    };
    RubricsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RubricDto"][];
                };
            };
        };
    };
    RubricsController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublishRubricDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RubricDto"];
                };
            };
        };
    };
    RubricsController_listExperts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExpertDto"][];
                };
            };
        };
    };
    RubricsController_upsertExpert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpsertExpertDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExpertDto"];
                };
            };
        };
    };
    ReviewRoundsController_list: {
        parameters: {
            query?: {
                status?: "open" | "passed" | "rejected" | "revise_requested" | "withdrawn";
                projectId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundDto"][];
                };
            };
        };
    };
    ReviewRoundsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundDto"];
                };
            };
        };
    };
    ReviewRoundsController_settings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoundSettingsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundDto"];
                };
            };
        };
    };
    ReviewRoundsController_assign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignReviewerDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignmentDto"];
                };
            };
            /** @description NOT_AN_EXPERT */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReviewRoundsController_decide: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecideRoundDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoundDto"];
                };
            };
            /** @description DECIDER_REVIEWED_ROUND: you are a reviewer of this round (four eyes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description REVIEWS_BELOW_MINIMUM */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReviewerController_inbox: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewTaskDto"][];
                };
            };
        };
    };
    ReviewerController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewTaskDto"];
                };
            };
        };
    };
    ReviewerController_declare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeclareConflictDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewTaskDto"];
                };
            };
        };
    };
    ReviewerController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitReviewDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewTaskDto"];
                };
            };
            /** @description REVIEWER_CONFLICTED: excluded for a conflict of interest */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReviewerController_deck: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deck file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ReviewerController_applicantRounds: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicantRoundDto"][];
                };
            };
        };
    };
    TrackingController_coachingRecords: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoachingRecordDto"][];
                };
            };
        };
    };
    TrackingController_createCoaching: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCoachingRecordDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoachingRecordDto"];
                };
            };
        };
    };
    TrackingController_changeItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CoachingItemStatusDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoachingItemDto"];
                };
            };
        };
    };
    TrackingController_createFollowUp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateFollowUpDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowUpDto"];
                };
            };
        };
    };
    TrackingController_listFollowUps: {
        parameters: {
            query?: {
                /** @description Only open follow-ups past their due time */
                overdue?: boolean;
                projectId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowUpDto"][];
                };
            };
        };
    };
    TrackingController_closeFollowUp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CloseFollowUpDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowUpDto"];
                };
            };
        };
    };
    AllianceController_listSeries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeriesDto"][];
                };
            };
        };
    };
    AllianceController_createSeries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSeriesDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeriesDto"];
                };
            };
        };
    };
    AllianceController_getSeries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeriesDetailDto"];
                };
            };
        };
    };
    AllianceController_optOut: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SeriesCityDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeriesDto"];
                };
            };
            /** @description Already opted out */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AllianceController_optIn: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SeriesCityDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeriesDto"];
                };
            };
            /** @description Not opted out */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AllianceController_createSeriesSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSeriesSessionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDto"];
                };
            };
            /** @description Every member opted out */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AllianceController_listReferrals: {
        parameters: {
            query?: {
                /** @description in: referred to my city; out: referred by it; omitted: both */
                direction?: "in" | "out";
                status?: "pending" | "accepted" | "declined" | "withdrawn";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReferralDto"][];
                };
            };
        };
    };
    AllianceController_refer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReferralDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReferralDto"];
                };
            };
            /** @description ALREADY_EXISTS: already referred there (pending or accepted); or the project is not schedulable */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AllianceController_acceptReferral: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReferralDto"];
                };
            };
            /** @description ILLEGAL_TRANSITION: not pending */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AllianceController_declineReferral: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeclineReferralDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReferralDto"];
                };
            };
            /** @description ILLEGAL_TRANSITION: not pending */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AllianceController_withdrawReferral: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReferralDto"];
                };
            };
            /** @description ILLEGAL_TRANSITION: not pending */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AllianceController_cityProjects: {
        parameters: {
            query?: {
                /** @description Platform: the city whose projects to list (a city organiser lists its own) */
                cityCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CityProjectDto"][];
                };
            };
        };
    };
}
