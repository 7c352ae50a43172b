import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Row, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../app/api';
import { formatTime, PageHeader } from '../../app/common';
import { LoadError } from '../../app/data';
import { errorText } from '../../app/errors';
import { DateInput } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { useRegions } from '../../app/regions';
import { JsonBlock } from './shared';
import type { Schema } from '../../app/api';

type AuditEvent = Schema<'AuditEventDto'>;

type Verification = Schema<'AuditVerificationDto'>;

interface Filters {
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: string;
  to?: string;
}

const PAGE = 50;

/** The broken links, and the events too new to be in the chain yet (the sealer chains them within about a second). */
function verificationDetails(v: Verification, t: ReturnType<typeof useI18n>['t']): string | undefined {
  const lines = v.ok ? [] : v.problems.map((p) => `#${p.seq}: ${p.problem}`);
  if (v.unsealed.count > 0) lines.push(t('admin.audit.unsealed', { n: v.unsealed.count, s: Math.round((v.unsealed.oldestAgeMs ?? 0) / 1000) }));
  return lines.length ? lines.join('；') : undefined;
}

/** 审计日志: the hash-chained audit trail, newest first (events not yet chained included), paged backwards; the chain can be re-verified. */
export function AuditPage() {
  const { t, label } = useI18n();
  const regions = useRegions();
  const [filters, setFilters] = useState<Filters>({});
  const [items, setItems] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const [verification, setVerification] = useState<Verification | string>();
  const [verifying, setVerifying] = useState(false);

  const load = async (beforeId?: number) => {
    setLoading(true);
    setError(undefined);
    try {
      // The last day of a "to" date is included: the API compares instants.
      const to = filters.to ? `${filters.to}T23:59:59.999+08:00` : undefined;
      const from = filters.from ? `${filters.from}T00:00:00+08:00` : undefined;
      const page = await api.get('/audit-events', { params: { query: { ...filters, from, to, beforeId, limit: PAGE } } });
      setItems((prev) => (beforeId ? [...prev, ...page.items] : page.items));
      setNext(page.nextBeforeId);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters]);

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await api.get('/audit-events/verify'));
    } catch (err) {
      setVerification(errorText(err, t));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('admin.audit.title')}
        sub={t('admin.audit.sub')}
        extra={
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="audit-verify">
            {t('admin.audit.verify')}
          </Button>
        }
      />
      {verification && (
        <Alert
          data-testid="audit-verify-result"
          closable
          onClose={() => setVerification(undefined)}
          style={{ marginBottom: 16 }}
          showIcon
          type={typeof verification === 'string' || !verification.ok ? 'error' : 'success'}
          title={
            typeof verification === 'string'
              ? verification
              : verification.ok
                ? t('admin.audit.verifyOk', { n: verification.checked, head: verification.headSeq ?? '—' })
                : t('admin.audit.verifyBroken', { n: verification.problems.length })
          }
          description={typeof verification === 'string' ? undefined : verificationDetails(verification, t)}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Form<Filters> layout="vertical" onFinish={(v) => setFilters(Object.fromEntries(Object.entries(v).filter(([, x]) => x)) as Filters)} data-testid="audit-filters">
          <Row gutter={12}>
            <Col xs={24} md={6}>
              <Form.Item name="action" label={t('admin.audit.action')} extra={t('admin.audit.actionHelp')}>
                <Input placeholder="queue.job.*" allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item name="subjectType" label={t('admin.audit.subjectType')}>
                <Input allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={5}>
              <Form.Item name="subjectId" label={t('admin.audit.subjectId')}>
                <Input allowClear />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="from" label={t('admin.audit.from')}>
                <DateInput />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="to" label={t('admin.audit.to')}>
                <DateInput />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit">{t('action.search')}</Button>
        </Form>
      </Card>
      <LoadError error={error} retry={() => void load()} />
      <Table<AuditEvent>
        data-testid="audit-table"
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('common.empty') }}
        expandable={{
          expandedRowRender: (e) => (
            <Row gutter={16}>
              <Col span={12}><Typography.Text strong>{t('admin.audit.before')}</Typography.Text><JsonBlock value={e.before} /></Col>
              <Col span={12}><Typography.Text strong>{t('admin.audit.after')}</Typography.Text><JsonBlock value={e.after} /></Col>
            </Row>
          ),
        }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 80, render: (seq: number | null) => seq ?? <Typography.Text type="secondary">{t('admin.audit.pending')}</Typography.Text> },
          { title: t('admin.audit.at'), dataIndex: 'occurredAt', render: formatTime, width: 170 },
          { title: t('admin.audit.action'), dataIndex: 'action', render: (a: string) => <Typography.Text code>{a}</Typography.Text> },
          { title: t('admin.audit.subject'), key: 'subject', render: (_, e) => <>{e.subjectType} <Typography.Text type="secondary" copyable={{ text: e.subjectId }}>{e.subjectId.slice(0, 24)}</Typography.Text></> },
          { title: t('admin.audit.actor'), dataIndex: 'actorRole', render: (r: string | null) => (r ? label('role', r) : t('admin.audit.system')) },
          { title: t('common.region'), dataIndex: 'regionCode', render: (c: string | null) => (c ? regions.name(c) : '—') },
        ]}
        footer={() =>
          next ? (
            <Button onClick={() => void load(next)} loading={loading} data-testid="audit-more">
              {t('admin.audit.more')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('admin.audit.end')}</Typography.Text>
          )
        }
      />
    </>
  );
}
