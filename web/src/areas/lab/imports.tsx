import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, message, Row, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, saveBlob } from '../../app/api';
import { useMe } from '../../app/auth';
import { formatTime, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { errorText } from '../../app/errors';
import { ActionButton } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { FileDrop } from '../../app/widgets/file-drop';
import { PagedTable, usePagedList } from '../../app/widgets/paged-table';
import { RefreshButton } from '../../app/widgets/refresh-button';
import type { Schema } from '../../app/api';

type CatalogImport = Schema<'CatalogImportDto'>;

type ImportError = Schema<'CatalogImportErrorDto'>;

/** The API reads the CSV as a raw text/csv body of at most 200 MB (POST /catalog/imports). */
const MAX_BYTES = 200 * 1024 * 1024;
const COLUMNS = ['provider_uscc', 'provider_name', 'service_code', 'name', 'category', 'unit_price_fen', 'unit', 'lead_time_days', 'instrument_name', 'instrument_model', 'description'];
const ERRORS_PAGE = 1000;

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function saveText(filename: string, text: string): void {
  // A BOM so that spreadsheet programs read the Chinese text as UTF-8.
  saveBlob(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }), filename);
}

/** Bulk CSV import of the lab's catalogue: template, upload with a progress bar, result and per-row error report. */
export function LabImportsPage() {
  const { t } = useI18n();
  const me = useMe();
  const [file, setFile] = useState<File>();
  const [uploading, setUploading] = useState(false);
  const [selected, setSelected] = useState<string>();
  // The upload streams and its POST answers only when the import is done: meanwhile the new import is found in
  // the list (the caller's newest running one) and then its own progress is polled.
  const [pollList, setPollList] = useState(false);
  const history = useApi('/catalog/imports', { params: { query: { limit: 20 } } }, { pollMs: pollList ? 700 : undefined });
  const runningId = uploading ? history.data?.find((i) => i.status === 'running')?.id : undefined;
  useEffect(() => setPollList(uploading && !runningId), [uploading, runningId]);
  const progress = useApi('/catalog/imports/{id}', runningId ? { params: { path: { id: runningId } } } : null, { pollMs: 500 });
  const running = runningId && progress.data?.id === runningId ? progress.data : undefined;
  const current = history.data?.find((i) => i.id === selected);
  const tooLarge = !!file && file.size > MAX_BYTES;

  const template = () =>
    saveText(
      'catalog-template.csv',
      `${COLUMNS.join(',')}\n${[me.organization.uscc ?? '', me.organization.name, 'XRF-001', 'X射线荧光光谱分析', 'analysis', 50000, '样品', 5, 'X射线荧光光谱仪', 'ZSX Primus IV', ''].map(csvCell).join(',')}\n`,
    );

  return (
    <>
      <PageHeader title={t('lab.imports.title')} sub={t('lab.imports.sub')} extra={<Button icon={<DownloadOutlined />} onClick={template}>{t('lab.imports.template')}</Button>} />
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card title={t('lab.imports.upload')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{t('lab.imports.format', { columns: COLUMNS.join(', ') })}</Typography.Paragraph>
            <FileDrop
              accept=".csv,text/csv"
              maxCount={1}
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(undefined)}
              fileList={file ? [{ uid: '1', name: file.name, size: file.size, status: tooLarge ? 'error' : 'done' }] : []}
              disabled={uploading}
              data-testid="import-file"
              text={t('lab.imports.drop')}
              hint={t('lab.imports.limit')}
              percent={uploading && file ? (running ? Math.min(99, Math.floor((running.bytes * 100) / Math.max(1, file.size))) : 0) : undefined}
              progressTestId="import-progress"
              progressNote={<Typography.Text type="secondary">{t('lab.imports.progress', { rows: running?.rowsTotal ?? 0, invalid: running?.rowsInvalid ?? 0 })}</Typography.Text>}
            />
            {tooLarge && <Alert type="error" showIcon title={t('lab.imports.tooLarge')} style={{ marginTop: 16 }} />}
            <div style={{ marginTop: 16 }}>
              <ActionButton
                type="primary"
                disabled={!file || tooLarge}
                data-testid="import-start"
                successMessage={t('lab.imports.done')}
                action={async () => {
                  if (!file) return;
                  setUploading(true);
                  try {
                    return await api.postFile('/catalog/imports', file, 'text/csv');
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
                {t('lab.imports.start')}
              </ActionButton>
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          {current && <ImportResult imp={current} />}
        </Col>
      </Row>
      <Card title={t('lab.imports.history')} extra={<RefreshButton onClick={() => void history.reload()} />}>
        <LoadError error={history.error} retry={() => void history.reload()} />
        <Table<CatalogImport>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={history.data ?? []}
          locale={{ emptyText: t('lab.imports.none') }}
          data-testid="imports-table"
          rowClassName={(i) => (i.id === selected ? 'ant-table-row-selected' : '')}
          onRow={(i) => ({ onClick: () => setSelected(i.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('lab.imports.startedAt'), dataIndex: 'startedAt', render: formatTime },
            { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
            { title: t('lab.imports.rowsTotal'), dataIndex: 'rowsTotal', align: 'right' },
            { title: t('lab.imports.rowsInserted'), dataIndex: 'rowsInserted', align: 'right' },
            { title: t('lab.imports.rowsUpdated'), dataIndex: 'rowsUpdated', align: 'right' },
            { title: t('lab.imports.rowsInvalid'), dataIndex: 'rowsInvalid', align: 'right', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
            { title: t('lab.imports.finishedAt'), dataIndex: 'finishedAt', render: formatTime },
          ]}
        />
      </Card>
    </>
  );
}

/** One import's counts and its refused rows (row, column, message), downloadable as a CSV report. */
function ImportResult({ imp }: { imp: CatalogImport }) {
  const { t } = useI18n();
  const [downloading, setDownloading] = useState(false);
  const errors = usePagedList('/catalog/imports/{id}/errors', imp.rowsInvalid > 0 ? { params: { path: { id: imp.id } } } : null, { pageSize: 10 });
  const download = async () => {
    setDownloading(true);
    const rows: ImportError[] = [];
    for (let offset = 0; ; offset += ERRORS_PAGE) {
      const page = await api.get('/catalog/imports/{id}/errors', { params: { path: { id: imp.id }, query: { limit: ERRORS_PAGE, offset } } });
      rows.push(...page);
      if (page.length < ERRORS_PAGE) break;
    }
    saveText(`catalog-import-errors-${imp.id.slice(0, 8)}.csv`, ['row,field,message', ...rows.map((r) => [r.rowNumber, r.field, r.message].map(csvCell).join(','))].join('\n') + '\n');
  };
  const run = () => download().catch((err) => void message.error(errorText(err, t))).finally(() => setDownloading(false));
  return (
    <Card title={t('lab.imports.result')} extra={<StatusTag status={imp.status} />} style={{ marginBottom: 16 }} data-testid="import-result">
      {imp.errorMessage && <Alert type="error" showIcon title={imp.errorMessage} style={{ marginBottom: 16 }} />}
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label={t('lab.imports.rowsTotal')}>{imp.rowsTotal}</Descriptions.Item>
        <Descriptions.Item label={t('lab.imports.rowsValid')}>{imp.rowsValid}</Descriptions.Item>
        <Descriptions.Item label={t('lab.imports.rowsInvalid')}><span data-testid="import-invalid">{imp.rowsInvalid}</span></Descriptions.Item>
        <Descriptions.Item label={t('lab.imports.rowsInserted')}><span data-testid="import-inserted">{imp.rowsInserted}</span></Descriptions.Item>
        <Descriptions.Item label={t('lab.imports.rowsUpdated')}>{imp.rowsUpdated}</Descriptions.Item>
        <Descriptions.Item label={t('lab.imports.finishedAt')}>{formatTime(imp.finishedAt)}</Descriptions.Item>
      </Descriptions>
      {imp.rowsInvalid > 0 && (
        <>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: '8px 0' }}>
            <Typography.Text strong>{t('lab.imports.errors')}</Typography.Text>
            <Button size="small" icon={<DownloadOutlined />} loading={downloading} onClick={() => void run()} data-testid="import-errors-download">
              {t('lab.imports.downloadErrors')}
            </Button>
          </div>
          <PagedTable
            list={errors}
            rowKey={(e) => `${e.rowNumber}:${e.field}:${e.message}`}
            testId="import-errors"
            columns={[
              { title: t('lab.imports.row'), dataIndex: 'rowNumber', width: 80 },
              { title: t('lab.imports.field'), dataIndex: 'field', width: 140 },
              { title: t('lab.imports.message'), dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
