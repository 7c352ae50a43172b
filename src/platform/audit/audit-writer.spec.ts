import { RequestContext } from '../context/request-context';
import { Actor, Role } from '../context/actor';
import { AuditWriter } from './audit-writer';

function writerWith(context: Partial<Pick<RequestContext, 'actor' | 'requestId'>>): AuditWriter {
  return new AuditWriter(context as RequestContext);
}

const actor = { userId: 'u-1', role: Role.Reviewer, organizationId: 'o-1' } as Actor;

describe('AuditWriter.insertStatement', () => {
  it('is null when there is nothing to write', () => {
    expect(writerWith({}).insertStatement([], 1)).toBeNull();
  });

  it('is one plain INSERT … VALUES with cast placeholders numbered from firstParam, one value per placeholder', () => {
    const statement = writerWith({ actor, requestId: 'req-7' }).insertStatement(
      [
        { action: 'voucher.issued', subjectType: 'voucher', subjectId: 'v-1', organizationId: 'o-2', regionCode: '330402', after: { amountFen: 500, skipped: undefined } },
        { action: 'session.started', subjectType: 'session', subjectId: 's-1', before: null, actor: { userId: 'u-2', role: 'enterprise_user', organizationId: 'o-3' } },
      ],
      5,
    )!;
    expect(statement.sql).toMatch(
      /^INSERT INTO audit_events \(occurred_at, actor_user_id, actor_role, actor_organization_id, organization_id, region_code, action, subject_type, subject_id, before, after, request_id\) VALUES \(\$5::timestamptz, \$6::uuid, .*\$28::text\)$/,
    );
    expect(statement.sql).not.toMatch(/RETURNING|seq|hash|writer_xid/);
    const numbers = [...statement.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => 5 + i));
    expect(statement.params).toHaveLength(24);

    const [first, second] = [statement.params.slice(0, 12), statement.params.slice(12)];
    expect(first[0]).toBeInstanceOf(Date);
    // One unit of work, one instant and one request id.
    expect(second[0]).toBe(first[0]);
    expect(first.slice(1)).toEqual(['u-1', Role.Reviewer, 'o-1', 'o-2', '330402', 'voucher.issued', 'voucher', 'v-1', null, '{"amountFen":500}', 'req-7']);
    // An explicit actor wins over the context's (sign-in, registration).
    expect(second.slice(1)).toEqual(['u-2', 'enterprise_user', 'o-3', null, null, 'session.started', 'session', 's-1', null, null, 'req-7']);
  });

  it('writes a system row when no one is signed in', () => {
    const statement = writerWith({}).insertStatement([{ action: 'programme.expired', subjectType: 'voucher_program', subjectId: 'p-1' }], 1)!;
    expect(statement.sql).toContain('VALUES ($1::timestamptz,');
    expect(statement.params.slice(1)).toEqual([null, 'system', null, null, null, 'programme.expired', 'voucher_program', 'p-1', null, null, null]);
  });
});
