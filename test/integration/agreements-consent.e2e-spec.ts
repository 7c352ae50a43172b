import { randomUUID } from 'node:crypto';
import { RecognitionService } from '../../src/modules/catalog/recognition.service';
import { shanghaiDate } from '../../src/platform/database/shanghai-date';
import { AgreementConsent1764900002000 } from '../../migrations/1764900002000-agreement-consent';
import { registerOrganization } from '../support/factories';
import { DEMO, login, Session, startTestApp, TestApp } from '../support/test-app';
import { issueVoucher, listService, openProgram, withoutStamp } from '../support/vouchers';

jest.setTimeout(120_000);

/** Calendar day `n` days after `day` (YYYY-MM-DD). */
function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Issue 13 item 3, docs/security.md "Recognition agreements": terms that spend Jiaxing's budget bind
 * only once Jiaxing's approver signed them, the partner signs its part, a signature binds the exact
 * terms, at most one version is in force per issuer/partner/day (a database constraint), and
 * amendments are versions signed the same way.
 */
describe('recognition agreements bind only with both regions’ signatures', () => {
  let app: TestApp;
  let approver: Session;
  let reviewer: Session;
  let partner: Session;
  let lab: Session;
  let admin: Session;
  let enterprise: { auth: { Authorization: string } };
  let labOrgId: string;
  let quoteBody: { serviceId: string; voucherId: string; quantity: number };
  let v1: string;

  const http = () => app.http();
  const get = async (id: string, auth: object = approver.auth) => (await http().get(`/api/v1/recognition-agreements/${id}`).set(auth).expect(200)).body;
  const sign = (id: string, auth: object, termsHash: string) => http().post(`/api/v1/recognition-agreements/${id}/sign`).set(auth).send({ termsHash });
  const quote = () => http().post('/api/v1/service-orders/quote').set(enterprise.auth).send(quoteBody);
  const find = async (day: string) => withoutStamp(await app.get(RecognitionService).findRecognition(app.dataSource.manager, '330400', labOrgId, quoteBody.serviceId, day));
  const propose = (auth: object, body: Record<string, unknown>) =>
    http().post('/api/v1/recognition-agreements').set(auth).send({ issuingRegionCode: '330400', partnerRegionCode: '310000', name: `嘉兴—上海互认协议 ${randomUUID().slice(0, 6)}`, ...body });

  beforeAll(async () => {
    app = await startTestApp();
    [approver, reviewer, partner, lab, admin] = await Promise.all([
      login(app, DEMO.approver), login(app, DEMO.reviewer), login(app, DEMO.partner), login(app, DEMO.provider), login(app, DEMO.admin),
    ]);
    const program = await openProgram(app, approver.auth);
    enterprise = await registerOrganization(app, { kind: 'enterprise', regionCode: '330402' });
    const { voucherId } = await issueVoucher(app, enterprise.auth, reviewer.auth, approver.auth, program.id, 2_000_000);
    const service = await listService(app, lab.auth, 300_000);
    labOrgId = (await http().get('/api/v1/me').set(lab.auth).expect(200)).body.organization.id;
    quoteBody = { serviceId: service.id, voucherId, quantity: 2 };
  });
  afterAll(() => app.close());

  it('the Shanghai partner admin alone cannot make Jiaxing’s quotes change', async () => {
    // Proposing for Jiaxing with an 80% ratio and listing its own lab: a draft, binding nobody.
    const created = await propose(partner.auth, { effectiveFrom: '2026-01-01', ratioOverrideBp: 8000 }).expect(201);
    v1 = created.body.id;
    expect(created.body).toMatchObject({ status: 'draft', versionNo: 1, lineageId: v1, inForceToday: false, signatures: [], mySide: 'partner' });
    const listed = await http().post(`/api/v1/recognition-agreements/${v1}/providers`).set(partner.auth).send({ providerIds: [labOrgId] }).expect(200);
    const signed = await sign(v1, partner.auth, listed.body.termsHash).expect(200);
    expect(signed.body).toMatchObject({ status: 'partially_signed', inForceToday: false, signatures: [expect.objectContaining({ side: 'partner', regionCode: '310000', voidedAt: null })] });
    // The partner cannot sign twice, nor for Jiaxing; the platform signs for nobody.
    expect((await sign(v1, partner.auth, listed.body.termsHash).expect(409)).body.code).toBe('CONFLICT');
    await sign(v1, admin.auth, listed.body.termsHash).expect(403);
    await sign(v1, reviewer.auth, listed.body.termsHash).expect(403);

    // Jiaxing's quotes do not follow: the lab is not recognised, so nothing is priced at 80%.
    const refused = await quote().expect(422);
    expect(refused.body).toMatchObject({ code: 'BUSINESS_RULE_VIOLATED', details: { providerRegionCode: '310000' } });
    expect(await find(shanghaiDate())).toBeNull();
    const search = await http().get('/api/v1/catalog/services').query({ q: 'X射线荧光光谱分析', recognisedOnly: true }).set(enterprise.auth).expect(200);
    expect(JSON.stringify(search.body)).not.toContain(quoteBody.serviceId);
  });

  it('after Jiaxing’s approver signs the same terms, quotes follow them; every step is audited with its outbox row', async () => {
    const before = await get(v1);
    expect(before.mySide).toBe('issuing');
    const inForce = await sign(v1, approver.auth, before.termsHash).set('Idempotency-Key', `sign-${v1}`).expect(200);
    expect(inForce.body).toMatchObject({ status: 'in_force', inForceToday: true });
    expect(inForce.body.signatures.map((s: { side: string }) => s.side).sort()).toEqual(['issuing', 'partner']);
    // The same request again replays the answer instead of signing twice.
    const replay = await sign(v1, approver.auth, before.termsHash).set('Idempotency-Key', `sign-${v1}`).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(inForce.body);

    const quoted = await quote().expect(200);
    expect(quoted.body).toMatchObject({ contractAmountFen: 600_000, ratioBp: 8000, subsidyFen: 480_000, recognitionAgreementId: v1 });
    const search = await http().get('/api/v1/catalog/services').query({ q: 'X射线荧光光谱分析', recognisedOnly: true }).set(enterprise.auth).expect(200);
    expect(JSON.stringify(search.body)).toContain(quoteBody.serviceId);
    expect(await find(shanghaiDate())).toEqual({ agreementId: v1, ratioOverrideBp: 8000, perOrderCapFen: null });

    const actions = (await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [v1])) as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual([
      'recognition_agreement.created', 'recognition_agreement.providers_added', 'recognition_agreement.signed', 'recognition_agreement.signed', 'recognition_agreement.in_force',
    ]);
    const outbox = (await app.dataSource.query(`SELECT payload->>'kind' AS kind FROM outbox WHERE payload->>'subjectId' = $1 ORDER BY id`, [v1])) as { kind: string }[];
    expect(outbox.map((o) => o.kind)).toEqual(['recognition_agreement.proposed', 'recognition_agreement.terms_changed', 'recognition_agreement.signed', 'recognition_agreement.in_force']);
  });

  it('editing the terms after a signature voids it: the version is a draft again and needs both signatures anew', async () => {
    const draft = (await propose(approver.auth, { effectiveFrom: '2020-01-01', effectiveTo: '2020-12-31', ratioOverrideBp: 5000 }).expect(201)).body;
    await http().post(`/api/v1/recognition-agreements/${draft.id}/providers`).set(approver.auth).send({ providerIds: [labOrgId] }).expect(200);
    const read = await get(draft.id, partner.auth);
    await sign(draft.id, partner.auth, read.termsHash).expect(200);

    // Jiaxing raises the ratio after Shanghai signed: Shanghai's signature no longer counts.
    const edited = await http().put(`/api/v1/recognition-agreements/${draft.id}`).set(approver.auth)
      .send({ name: read.name, effectiveFrom: '2020-01-01', effectiveTo: '2020-12-31', ratioOverrideBp: 9000 }).expect(200);
    expect(edited.body.termsHash).not.toBe(read.termsHash);
    expect(edited.body).toMatchObject({ status: 'draft', ratioOverrideBp: 9000 });
    expect(edited.body.signatures).toEqual([expect.objectContaining({ side: 'partner', termsHash: read.termsHash, voidReason: 'terms_changed' })]);
    expect(edited.body.signatures[0].voidedAt).not.toBeNull();

    // Signing what one read before the edit is refused; the issuing signature alone binds nothing.
    const stale = await sign(draft.id, approver.auth, read.termsHash).expect(409);
    expect(stale.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'terms_changed', termsHash: edited.body.termsHash } });
    const issuingOnly = await sign(draft.id, approver.auth, edited.body.termsHash).expect(200);
    expect(issuingOnly.body.status).toBe('partially_signed');
    expect(await find('2020-06-01')).toBeNull();

    // Widening the scope is an edit too: the issuing signature is void in turn.
    const other = await registerOrganization(app, { kind: 'provider', regionCode: '310000' });
    const widened = await http().post(`/api/v1/recognition-agreements/${draft.id}/providers`).set(partner.auth).send({ providerIds: [other.organization.id] }).expect(200);
    expect(widened.body.status).toBe('draft');
    expect(widened.body.signatures.filter((s: { voidedAt: string | null }) => s.voidedAt === null)).toEqual([]);

    await sign(draft.id, partner.auth, widened.body.termsHash).expect(200);
    const bound = await sign(draft.id, approver.auth, widened.body.termsHash).expect(200);
    expect(bound.body.status).toBe('in_force');
    expect(await find('2020-06-01')).toEqual({ agreementId: draft.id, ratioOverrideBp: 9000, perOrderCapFen: null });
    // In force, its terms no longer change in place: that is an amendment.
    const late = await http().put(`/api/v1/recognition-agreements/${draft.id}`).set(approver.auth).send({ name: read.name, effectiveFrom: '2020-01-01', ratioOverrideBp: 10000 }).expect(409);
    expect(late.body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('two overlapping versions racing to come into force: exactly one wins (database constraint), every other signature is refused with 409', async () => {
    const drafts: { id: string; termsHash: string }[] = [];
    for (const [from, to] of [['2021-01-01', '2021-12-31'], ['2021-06-01', '2022-06-30'], ['2021-12-01', '2022-03-31']]) {
      const d = (await propose(approver.auth, { effectiveFrom: from, effectiveTo: to }).expect(201)).body;
      const withLab = (await http().post(`/api/v1/recognition-agreements/${d.id}/providers`).set(partner.auth).send({ providerIds: [labOrgId] }).expect(200)).body;
      await sign(d.id, partner.auth, withLab.termsHash).expect(200);
      drafts.push({ id: d.id, termsHash: withLab.termsHash });
    }
    // 30 second signatures at once, 10 on each version.
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => drafts[i % 3]).map((d) => sign(d.id, approver.auth, d.termsHash)));
    const byStatus = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    expect(byStatus).toEqual({ 200: 1, 409: 29 });
    for (const r of results.filter((x) => x.status === 409)) expect(['CONFLICT', 'ILLEGAL_TRANSITION']).toContain(r.body.code);

    const rows = (await app.dataSource.query(
      `SELECT id, status, (SELECT count(*) FROM recognition_agreement_signatures s WHERE s.agreement_id = a.id AND s.voided_at IS NULL)::int AS signatures
         FROM recognition_agreements a WHERE id = ANY($1::uuid[])`,
      [drafts.map((d) => d.id)],
    )) as { id: string; status: string; signatures: number }[];
    const winners = rows.filter((r) => r.status === 'in_force');
    expect(winners).toHaveLength(1);
    expect(winners[0].signatures).toBe(2);
    expect(rows.filter((r) => r.status === 'partially_signed').map((r) => r.signatures)).toEqual([1, 1]);
    expect(results.find((r) => r.status === 200)!.body.id).toBe(winners[0].id);
    // Every signature of a losing version was refused by the constraint, not by a read-then-check.
    const onLosers = results.filter((_, i) => drafts[i % 3].id !== winners[0].id);
    expect(onLosers).toHaveLength(20);
    for (const r of onLosers) expect(r.body).toMatchObject({ statusCode: 409, code: 'CONFLICT', message: expect.stringContaining('in force on some of these days') });

    // The database itself refuses a second version in force on those days, whatever the code path.
    const loser = rows.find((r) => r.status === 'partially_signed')!;
    await expect(app.dataSource.query(`UPDATE recognition_agreements SET status = 'in_force' WHERE id = $1`, [loser.id])).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: '23P01', constraint: 'recognition_agreements_one_in_force' }),
    });
  });

  it('an amendment is a new version signed the same way; when it comes into force the previous version ends the day before', async () => {
    const today = shanghaiDate();
    expect((await http().post(`/api/v1/recognition-agreements/${v1}/amend`).set(partner.auth).send({ effectiveFrom: addDays(today, -1) }).expect(400)).body.details[0].field).toBe('effectiveFrom');
    const amended = await http().post(`/api/v1/recognition-agreements/${v1}/amend`).set(partner.auth).send({ effectiveFrom: today }).expect(201);
    const v2 = amended.body.id as string;
    expect(amended.body).toMatchObject({ status: 'draft', versionNo: 2, lineageId: v1, supersedesId: v1, ratioOverrideBp: 8000, effectiveFrom: today });
    expect(amended.body.providers.map((p: { providerId: string }) => p.providerId)).toEqual([labOrgId]);
    expect(amended.body.versions.map((v: { versionNo: number; status: string }) => [v.versionNo, v.status])).toEqual([[1, 'in_force'], [2, 'draft']]);
    // One open amendment at a time.
    expect((await http().post(`/api/v1/recognition-agreements/${v1}/amend`).set(approver.auth).send({ effectiveFrom: today }).expect(409)).body.code).toBe('CONFLICT');

    // Jiaxing lowers the ratio in the new version; until both sign, version 1 still prices.
    const terms = await http().put(`/api/v1/recognition-agreements/${v2}`).set(approver.auth).send({ name: amended.body.name, effectiveFrom: today, ratioOverrideBp: 6000 }).expect(200);
    await sign(v2, approver.auth, terms.body.termsHash).expect(200);
    expect((await quote().expect(200)).body).toMatchObject({ ratioBp: 8000, recognitionAgreementId: v1 });
    const inForce = await sign(v2, partner.auth, terms.body.termsHash).expect(200);
    expect(inForce.body).toMatchObject({ status: 'in_force', inForceToday: true });

    const previous = await get(v1);
    expect(previous).toMatchObject({ status: 'superseded', supersededOn: today, inForceToday: false, effectiveFrom: '2026-01-01' });
    expect((await quote().expect(200)).body).toMatchObject({ ratioBp: 6000, subsidyFen: 360_000, recognitionAgreementId: v2 });
    expect(await find(addDays(today, -1))).toEqual({ agreementId: v1, ratioOverrideBp: 8000, perOrderCapFen: null });
    expect(await find(today)).toEqual({ agreementId: v2, ratioOverrideBp: 6000, perOrderCapFen: null });
    const audits = (await app.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 AND action = 'recognition_agreement.superseded'`, [v1])) as unknown[];
    expect(audits).toHaveLength(1);
    // A superseded version is final.
    expect((await http().post(`/api/v1/recognition-agreements/${v1}/terminate`).set(approver.auth).send({}).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
    expect((await http().post(`/api/v1/recognition-agreements/${v1}/amend`).set(approver.auth).send({ effectiveFrom: today }).expect(409)).body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('a person cannot sign for a region they do not represent (403)', async () => {
    // Shanghai issues, Jiaxing is the partner: Jiaxing's approver reads it but signs for neither side,
    // and Shanghai's partner admin does not sign for Shanghai's budget.
    const shIssued = (await http().post('/api/v1/recognition-agreements').set(admin.auth)
      .send({ issuingRegionCode: '310000', partnerRegionCode: '330400', name: '上海—嘉兴互认协议', effectiveFrom: '2026-01-01' }).expect(201)).body;
    const read = await get(shIssued.id, approver.auth);
    expect(read.mySide).toBeNull();
    expect((await sign(shIssued.id, approver.auth, read.termsHash).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await sign(shIssued.id, partner.auth, read.termsHash).expect(403)).body.code).toBe('FORBIDDEN');
    await sign(shIssued.id, admin.auth, read.termsHash).expect(403);
    // Outside both regions the agreement is not even visible.
    const enterpriseSigns = await sign(shIssued.id, enterprise.auth, read.termsHash).expect(403);
    expect(enterpriseSigns.body.code).toBe('FORBIDDEN');
    expect((await get(shIssued.id, admin.auth)).signatures).toEqual([]);
  });

  it('migration: agreements created under the old rules become versions in force; overlaps resolve as quotes resolved them (the later start wins from its first day)', async () => {
    const migration = new AgreementConsent1764900002000();
    const qr = app.dataSource.createQueryRunner();
    try {
      // A copy of the schema as it was, in its own database would be cleaner; here the migration is
      // rolled back inside a transaction, exercised on legacy rows, and the transaction is undone.
      await qr.startTransaction();
      await qr.query(`DELETE FROM recognition_agreement_signatures`);
      await qr.query(`UPDATE service_orders SET recognition_agreement_id = NULL`);
      await qr.query(`DELETE FROM recognition_agreement_services`);
      await qr.query(`DELETE FROM recognition_agreement_providers`);
      await qr.query(`DELETE FROM recognition_agreements`);
      await migration.down(qr);
      const ins = async (name: string, from: string, to: string | null, created: string, terminatedOn: string | null = null) =>
        ((await qr.query(
          `INSERT INTO recognition_agreements (issuing_region_code, partner_region_code, name, effective_from, effective_to, status, terminated_on, created_at)
           VALUES ('330400', '310000', $1, $2, $3, $4, $5, $6) RETURNING id`,
          [name, from, to, terminatedOn ? 'terminated' : 'active', terminatedOn, created],
        )) as { id: string }[])[0].id;
      const a = await ins('2025 协议', '2025-01-01', null, '2025-01-01T00:00:00Z');
      const b = await ins('2026 协议', '2026-01-01', '2026-12-31', '2026-01-01T00:00:00Z');
      const c = await ins('2026 协议（重复录入）', '2026-01-01', null, '2025-12-01T00:00:00Z');
      const d = await ins('2024 协议（已终止）', '2024-01-01', null, '2024-01-01T00:00:00Z', '2025-01-01');
      await migration.up(qr);
      const rows = (await qr.query(
        `SELECT id, status, to_char(superseded_on, 'YYYY-MM-DD') AS superseded_on, to_char(terminated_on, 'YYYY-MM-DD') AS terminated_on, migrated, version_no, lineage_id = id AS own_lineage
           FROM recognition_agreements`,
      )) as { id: string; status: string; superseded_on: string | null; terminated_on: string | null; migrated: boolean; version_no: number; own_lineage: boolean }[];
      const by = new Map(rows.map((r) => [r.id, r]));
      expect(by.get(b)).toMatchObject({ status: 'in_force', superseded_on: null, migrated: true, version_no: 1, own_lineage: true });
      // Same first day as b but created earlier: b won its first day, so c never comes into force.
      // (From 2027 the old query would have used c again: one version has one contiguous period.)
      expect(by.get(c)).toMatchObject({ status: 'withdrawn' });
      expect(by.get(a)).toMatchObject({ status: 'superseded', superseded_on: '2026-01-01' });
      expect(by.get(d)).toMatchObject({ status: 'terminated', terminated_on: '2025-01-01' });
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  });
});
