import { DownloadOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Descriptions, message, Progress, Row, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, downloadFile, saveBlob } from '../../app/api';
import type { Schema } from '../../app/api';
import { formatTime, Money, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { errorText } from '../../app/errors';
import { ActionButton } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { FileDrop } from '../../app/widgets/file-drop';
import { PagedTable, usePagedList } from '../../app/widgets/paged-table';
import { RefreshButton } from '../../app/widgets/refresh-button';
import { ResponsiveTable } from '../../app/widgets/responsive-table';

type CatalogImport = Schema<'CatalogImportDto'>;
type ImportError = Schema<'CatalogImportErrorDto'>;
type ChangeKind = 'added' | 'changed' | 'withdrawn' | 'unchanged';

/** The API reads the file as a raw body of at most 200 MB (POST /catalog/imports). */
const MAX_BYTES = 200 * 1024 * 1024;
const COLUMNS = ['provider_uscc', 'provider_name', 'service_code', 'name', 'category', 'unit_price_fen', 'unit', 'lead_time_days', 'instrument_name', 'instrument_model', 'description'];
const MEDIA = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;
const FINISHED = ['completed', 'rejected', 'failed'];
const ERRORS_PAGE = 1000;
const KINDS: ChangeKind[] = ['added', 'changed', 'withdrawn', 'unchanged'];

function formatOf(file: File): keyof typeof MEDIA | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx') || file.type === MEDIA.xlsx) return 'xlsx';
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'csv';
  return null;
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Bulk catalogue import (批量导入), one page for a lab's own catalogue and for a partner admin's
 * region: templates in both formats, upload with the phase and progress of the import's job, the
 * per-row error report and what changed (added / changed / withdrawn / unchanged).
 */
export function CatalogImportsPage({ audience }: { audience: 'lab' | 'partner' }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File>();
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [withdrawMissing, setWithdrawMissing] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [selected, setSelected] = useState<string>();
  const history = useApi('/catalog/imports', { params: { query: { limit: 20 } } }, { pollMs: uploading ? 700 : undefined });
  // While the body streams, the POST has not answered: the caller's newest uploading import is the one.
  const uploadingId = uploading ? history.data?.find((i) => i.status === 'uploading')?.id : undefined;
  const watchedId = uploadingId ?? selected;
  const current = useApi('/catalog/imports/{id}', watchedId ? { params: { path: { id: watchedId } } } : null, {
    pollMs: uploading || (selected && !FINISHED.includes(history.data?.find((i) => i.id === selected)?.status ?? 'queued')) ? 700 : undefined,
  });
  const shown = current.data && current.data.id === watchedId ? current.data : undefined;
  useEffect(() => {
    // The job finished: the history shows the outcome too.
    if (shown && FINISHED.includes(shown.status) && history.data?.find((i) => i.id === shown.id)?.status !== shown.status) void history.reload();
  }, [shown?.status]); // eslint-disable-line react-hooks/exhaustive-deps
  const format = file ? formatOf(file) : null;
  const tooLarge = !!file && file.size > MAX_BYTES;

  const template = (kind: keyof typeof MEDIA) =>
    downloadFile('/catalog/imports/template', `catalog-template.${kind}`, { params: { query: { format: kind } } }).catch((err) => void message.error(errorText(err, t)));

  return (
    <>
      <PageHeader
        title={t(`imports.${audience}.title`)}
        sub={t(`imports.${audience}.sub`)}
        extra={
          <>
            <Button icon={<FileTextOutlined />} onClick={() => void template('csv')} data-testid="template-csv">{t('imports.templateCsv')}</Button>
            <Button icon={<FileExcelOutlined />} onClick={() => void template('xlsx')} data-testid="template-xlsx">{t('imports.templateXlsx')}</Button>
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card title={t('imports.upload')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{t('imports.format', { columns: COLUMNS.join(', ') })}</Typography.Paragraph>
            <FileDrop
              accept={`.csv,.xlsx,${MEDIA.csv},${MEDIA.xlsx}`}
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(undefined)}
              fileList={file ? [{ uid: '1', name: file.name, size: file.size, status: tooLarge || !format ? 'error' : 'done' }] : []}
              disabled={uploading}
              data-testid="import-file"
              text={t('imports.drop')}
              hint={t('imports.limit')}
            />
            {tooLarge && <Alert type="error" showIcon title={t('imports.tooLarge')} style={{ marginTop: 16 }} />}
            {file && !format && <Alert type="error" showIcon title={t('imports.wrongType')} style={{ marginTop: 16 }} />}
            <Space orientation="vertical" style={{ marginTop: 16 }}>
              <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="import-skip-invalid">{t('imports.skipInvalid')}</Checkbox>
              <Checkbox checked={withdrawMissing} onChange={(e) => setWithdrawMissing(e.target.checked)} data-testid="import-withdraw-missing">{t('imports.withdrawMissing')}</Checkbox>
            </Space>
            <div style={{ marginTop: 16 }}>
              <ActionButton
                type="primary"
                disabled={!file || tooLarge || !format}
                data-testid="import-start"
                successMessage={t('imports.accepted')}
                action={async () => {
                  if (!file || !format) return;
                  setUploading(true);
                  try {
                    const query = { ...(skipInvalid ? { invalidRows: 'skip' } : {}), ...(withdrawMissing ? { withdrawMissing: true } : {}) };
                    return await api.postFile('/catalog/imports', file, MEDIA[format], { params: { query } });
                  } finally {
                    setUploading(false);
                    void history.reload();
                  }
                }}
                onDone={(result) => {
                  setSelected((result as CatalogImport).id);
                  setFile(undefined);
                }}
              >
                {t('imports.start')}
              </ActionButton>
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          {shown && <ImportResult imp={shown} fileSize={uploading ? file?.size : undefined} />}
        </Col>
      </Row>
      <Card title={t('imports.history')} extra={<RefreshButton onClick={() => void history.reload()} />}>
        <LoadError error={history.error} retry={() => void history.reload()} />
        <ResponsiveTable<CatalogImport>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={history.data ?? []}
          locale={{ emptyText: t('imports.none') }}
          data-testid="imports-table"
          rowClassName={(i) => (i.id === selected ? 'ant-table-row-selected' : '')}
          onRow={(i) => ({ onClick: () => setSelected(i.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('imports.startedAt'), dataIndex: 'startedAt', render: formatTime },
            { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
            { title: t('imports.fileFormat'), dataIndex: 'format', render: (f: string) => f.toUpperCase() },
            { title: t('imports.rowsTotal'), dataIndex: 'rowsTotal', align: 'right' },
            { title: t('imports.rowsInserted'), dataIndex: 'rowsInserted', align: 'right' },
            { title: t('imports.rowsUpdated'), dataIndex: 'rowsUpdated', align: 'right' },
            { title: t('imports.rowsWithdrawn'), dataIndex: 'rowsWithdrawn', align: 'right' },
            { title: t('imports.rowsInvalid'), dataIndex: 'rowsInvalid', align: 'right', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
            { title: t('imports.finishedAt'), dataIndex: 'finishedAt', render: formatTime },
          ]}
        />
      </Card>
    </>
  );
}

/** How far an import is: upload bytes, then rows merged; finished imports show 100. */
function percentOf(imp: CatalogImport, fileSize: number | undefined): number {
  if (imp.status === 'completed') return 100;
  if (imp.status === 'uploading') return fileSize ? Math.min(99, Math.floor((imp.bytes * 100) / Math.max(1, fileSize))) : 0;
  if (imp.status === 'merging') return Math.min(99, Math.floor((imp.rowsMerged * 100) / Math.max(1, imp.rowsValid)));
  return imp.status === 'queued' || imp.status === 'validating' ? 0 : 100;
}

/** One import: its phase and progress, counts, refused rows (row, column, message) and what changed. */
function ImportResult({ imp, fileSize }: { imp: CatalogImport; fileSize?: number }) {
  const { t } = useI18n();
  const [downloading, setDownloading] = useState(false);
  const finished = FINISHED.includes(imp.status);
  const errors = usePagedList('/catalog/imports/{id}/errors', finished && imp.rowsInvalid > 0 ? { params: { path: { id: imp.id } } } : null, { pageSize: 10 });
  const download = async () => {
    setDownloading(true);
    const rows: ImportError[] = [];
    for (let offset = 0; ; offset += ERRORS_PAGE) {
      const page = await api.get('/catalog/imports/{id}/errors', { params: { path: { id: imp.id }, query: { limit: ERRORS_PAGE, offset } } });
      rows.push(...page);
      if (page.length < ERRORS_PAGE) break;
    }
    const text = ['row,field,message', ...rows.map((r) => [r.rowNumber, r.field, r.message].map(csvCell).join(','))].join('\n') + '\n';
    // A BOM so that spreadsheet programs read the Chinese text as UTF-8.
    saveBlob(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }), `catalog-import-errors-${imp.id.slice(0, 8)}.csv`);
  };
  const run = () => download().catch((err) => void message.error(errorText(err, t))).finally(() => setDownloading(false));
  const phase = t(`imports.phase.${imp.status}`, { rows: imp.rowsTotal, merged: imp.rowsMerged, valid: imp.rowsValid });
  return (
    <Card title={t('imports.result')} extra={<StatusTag status={imp.status} />} style={{ marginBottom: 16 }} data-testid="import-result">
      {imp.errorMessage && <Alert type="error" showIcon title={imp.errorMessage} style={{ marginBottom: 16 }} />}
      {imp.status === 'rejected' && <Alert type="warning" showIcon title={phase} style={{ marginBottom: 16 }} data-testid="import-rejected" />}
      {!finished && (
        <div data-testid="import-progress" style={{ marginBottom: 16 }}>
          <Progress percent={percentOf(imp, fileSize)} status="active" />
          <Typography.Text type="secondary">{phase}</Typography.Text>
        </div>
      )}
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
        <Descriptions.Item label={t('imports.rowsTotal')}>{imp.rowsTotal}</Descriptions.Item>
        <Descriptions.Item label={t('imports.rowsValid')}>{imp.rowsValid}</Descriptions.Item>
        <Descriptions.Item label={t('imports.rowsInvalid')}><span data-testid="import-invalid">{imp.rowsInvalid}</span></Descriptions.Item>
        <Descriptions.Item label={t('imports.providersCreated')}>{imp.providersCreated}</Descriptions.Item>
        <Descriptions.Item label={t('imports.rowsInserted')}><span data-testid="import-inserted">{imp.rowsInserted}</span></Descriptions.Item>
        <Descriptions.Item label={t('imports.rowsUpdated')}><span data-testid="import-updated">{imp.rowsUpdated}</span></Descriptions.Item>
        <Descriptions.Item label={t('imports.rowsUnchanged')}>{imp.rowsUnchanged}</Descriptions.Item>
        {imp.rowsSkipped > 0 && (
          <Descriptions.Item label={t('imports.rowsSkipped')}>
            <span data-testid="import-skipped">{imp.rowsSkipped}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('imports.rowsWithdrawn')}><span data-testid="import-withdrawn">{imp.rowsWithdrawn}</span></Descriptions.Item>
        <Descriptions.Item label={t('imports.finishedAt')}>{formatTime(imp.finishedAt)}</Descriptions.Item>
      </Descriptions>
      {finished && imp.rowsInvalid > 0 && (
        <>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: '8px 0', gap: 8, flexWrap: 'wrap' }}>
            <Typography.Text strong>{t('imports.errors')}</Typography.Text>
            <Button size="small" icon={<DownloadOutlined />} loading={downloading} onClick={() => void run()} data-testid="import-errors-download">
              {t('imports.downloadErrors')}
            </Button>
          </div>
          <PagedTable
            list={errors}
            rowKey={(e) => `${e.rowNumber}:${e.field}:${e.message}`}
            testId="import-errors"
            columns={[
              { title: t('imports.row'), dataIndex: 'rowNumber', width: 70 },
              { title: t('imports.field'), dataIndex: 'field', width: 130 },
              { title: t('imports.message'), dataIndex: 'message' },
            ]}
          />
        </>
      )}
      {imp.status === 'completed' && <ImportChanges imp={imp} />}
    </Card>
  );
}

/** Added / changed / withdrawn / unchanged services, with counts, a page at a time. */
function ImportChanges({ imp }: { imp: CatalogImport }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<ChangeKind>(imp.rowsInserted ? 'added' : imp.rowsUpdated ? 'changed' : imp.rowsWithdrawn ? 'withdrawn' : 'unchanged');
  const list = usePagedList('/catalog/imports/{id}/changes', { params: { path: { id: imp.id }, query: { kind } } }, { pageSize: 10 });
  const counts: Record<ChangeKind, number> = { added: imp.rowsInserted, changed: imp.rowsUpdated, withdrawn: imp.rowsWithdrawn, unchanged: imp.rowsUnchanged };
  return (
    <div data-testid="import-changes" style={{ marginTop: 8 }}>
      <Typography.Text strong>{t('imports.changes')}</Typography.Text>
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as ChangeKind)}
        items={KINDS.map((k) => ({ key: k, label: <span data-testid={`changes-${k}`}>{`${t(`imports.kind.${k}`)} ${counts[k]}`}</span> }))}
      />
      <PagedTable
        list={list}
        rowKey="serviceId"
        testId="import-changes-table"
        emptyText={t('imports.noChanges')}
        columns={[
          { title: t('imports.row'), dataIndex: 'rowNumber', width: 70, render: (n: number | null) => n ?? '—' },
          { title: t('imports.code'), dataIndex: 'code' },
          { title: t('imports.name'), dataIndex: 'name' },
          { title: t('imports.provider'), dataIndex: 'providerName', responsive: ['md'] },
          { title: t('imports.price'), dataIndex: 'unitPriceFen', align: 'right', render: (fen: number) => <Money fen={fen} /> },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
        ]}
      />
    </div>
  );
}
