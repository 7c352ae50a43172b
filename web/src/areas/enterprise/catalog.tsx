import { SearchOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, InputNumber, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../app/api';
import { Facts, Money, PageHeader } from '../../app/common';
import { RatingSummary, ServiceRatings } from '../../features/orders/ratings';
import { LoadError, useApi } from '../../app/data';
import { errorText } from '../../app/errors';
import { ApiForm, Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { formatBp, formatFen } from '@shared/money';
import { useRegions } from '../../app/regions';
import { type CatalogService, ResultCount, useCatalogSearch, useCategories } from '../../features/catalog/services';
import type { Order } from '../../features/orders/records';
import type { Schema } from '../../app/api';
import { ResponsiveTable } from '../../app/widgets/responsive-table';

type Quote = Schema<'OrderQuoteDto'>;

/**
 * Catalogue search: Chinese keywords, category, region and lab, each option with its count for the current
 * search; by default only services the enterprise's vouchers can pay for. Results come page after page
 * by the API's cursor ("load more"); large result sets show an estimated total ("about 27,000 results").
 */
export function CatalogPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const categories = useCategories();
  const { regions, name: regionName, within } = useRegions();
  const recognisedOnly = params.get('all') !== '1';
  const query = {
    q: params.get('q') ?? undefined,
    category: params.get('category') ?? undefined,
    regionCode: params.get('region') ?? undefined,
    providerId: params.get('provider') ?? undefined,
    recognisedOnly: recognisedOnly || undefined,
  };
  const search = useCatalogSearch(query);
  const facets = search.first?.facets;
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const count = (n: number | undefined) => (n === undefined ? '' : ` (${n.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN')})`);
  const countOf = (list: { value: string; count: number }[] | undefined, value: string) => list?.find((f) => f.value === value)?.count;
  // Region options: the issuing cities, then the labs' own districts the search found, each with its count.
  const topRegions = regions.filter((r) => r.issuing).map((r) => r.code);
  const regionCodes = [...topRegions, ...(facets?.region ?? []).map((f) => f.value).filter((c) => !topRegions.includes(c))];
  const regionCount = (code: string) => {
    const under = (facets?.region ?? []).filter((f) => within(f.value, code));
    return under.length ? under.reduce((a, f) => a + f.count, 0) : undefined;
  };
  const providerOptions = (facets?.provider ?? []).map((f) => ({ value: f.value, label: `${f.label ?? f.value}${count(f.count)}` }));
  const selectedProvider = params.get('provider');
  if (selectedProvider && !providerOptions.some((o) => o.value === selectedProvider)) providerOptions.push({ value: selectedProvider, label: selectedProvider });
  return (
    <>
      <PageHeader title={t('enterprise.catalog.title')} sub={t('enterprise.catalog.sub')} />
      <Card style={{ marginBottom: 16 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
          <Input.Search
            allowClear
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => set('q', v.trim() || undefined)}
            placeholder={t('enterprise.catalog.searchPlaceholder')}
            enterButton={<><SearchOutlined /> {t('action.search')}</>}
            style={{ flex: '1 1 300px', maxWidth: 420 }}
            id="catalog-q"
          />
          <Select
            allowClear
            placeholder={t('service.category')}
            aria-label={t('service.category')}
            style={{ flex: '1 1 180px', maxWidth: 200 }}
            value={params.get('category') ?? undefined}
            onChange={(v?: string) => set('category', v)}
            options={categories.options.map((o) => ({ ...o, label: `${o.label}${count(countOf(facets?.category, o.value))}` }))}
            data-testid="catalog-category"
          />
          <Select
            allowClear
            placeholder={t('enterprise.catalog.region')}
            aria-label={t('enterprise.catalog.region')}
            style={{ flex: '1 1 180px', maxWidth: 200 }}
            value={params.get('region') ?? undefined}
            onChange={(v?: string) => set('region', v)}
            options={regionCodes.map((c) => ({ value: c, label: `${regionName(c)}${count(regionCount(c))}` }))}
            data-testid="catalog-region"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('catalog.search.provider')}
            aria-label={t('catalog.search.provider')}
            style={{ flex: '1 1 180px', maxWidth: 260 }}
            value={selectedProvider ?? undefined}
            onChange={(v?: string) => set('provider', v)}
            options={providerOptions}
            data-testid="catalog-provider"
          />
          <Checkbox checked={recognisedOnly} onChange={(e) => set('all', e.target.checked ? undefined : '1')}>
            {t('enterprise.catalog.recognisedOnly')}
          </Checkbox>
        </div>
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">
            <ResultCount answer={search.first} />
            {facets?.approximate ? ` · ${t('catalog.search.facetsApprox')}` : ''}
          </Typography.Text>
        </div>
      </Card>
      <LoadError error={search.error} retry={search.reload} />
      <ResponsiveTable<CatalogService>
        rowKey="id"
        size="middle"
        loading={search.loading && search.rows.length === 0}
        dataSource={search.rows}
        pagination={false}
        data-testid="catalog-table"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('enterprise.catalog.none')} /> }}
        columns={[
          { title: t('service.name'), dataIndex: 'name', render: (n: string, s) => <Link to={`/enterprise/catalog/${s.id}`}>{n}</Link> },
          { title: t('service.provider'), dataIndex: 'providerName' },
          { title: t('enterprise.catalog.region'), dataIndex: 'regionCode', render: (c: string) => regionName(c) },
          { title: t('service.category'), dataIndex: 'category', render: (c: string) => categories.name(c) },
          { title: t('service.unitPrice'), align: 'right', render: (_, s) => <><Money fen={s.unitPriceFen} /> / {s.unit}</> },
          { title: t('service.leadTime'), dataIndex: 'leadTimeDays', render: (d: number) => t('service.days', { n: d }) },
          { title: t('rating.average'), key: 'rating', render: (_, s) => <RatingSummary count={s.ratingCount} average={s.ratingAverage} /> },
          {
            title: t('common.actions'),
            render: (_, s) => (
              <Link to={`/enterprise/catalog/${s.id}`}>
                <Button size="small" type="primary" icon={<ShoppingCartOutlined />}>{t('enterprise.catalog.order')}</Button>
              </Link>
            ),
          },
        ]}
      />
      {search.rows.length > 0 && (
        <Space style={{ marginTop: 12, justifyContent: 'center', width: '100%' }} data-testid="catalog-more">
          <Typography.Text type="secondary">{t('catalog.search.shown', { n: search.rows.length })}</Typography.Text>
          {search.hasMore && (
            <Button onClick={() => search.more()} loading={search.loading} data-testid="catalog-load-more">
              {t('catalog.search.more')}
            </Button>
          )}
        </Space>
      )}
    </>
  );
}

/** A service's facts, shared with the lab's own view. */
export function ServiceFacts({ service }: { service: CatalogService }) {
  const { t } = useI18n();
  const categories = useCategories();
  const { name: regionName } = useRegions();
  return (
    <Facts
      items={[
        [t('service.provider'), service.providerName],
        [t('service.code'), service.code],
        [t('service.category'), categories.name(service.category)],
        [t('service.unitPrice'), <span key="p" data-testid="service-price"><Money fen={service.unitPriceFen} strong /> / {service.unit}</span>],
        [t('service.leadTime'), t('service.days', { n: service.leadTimeDays })],
        [t('enterprise.catalog.region'), regionName(service.regionCode)],
        [t('service.instrument'), [service.instrumentName, service.instrumentModel].filter(Boolean).join(' · ') || '—'],
        [t('service.description'), service.description ?? '—'],
        [t('rating.average'), <RatingSummary key="r" count={service.ratingCount} average={service.ratingAverage} />],
      ]}
    />
  );
}

/** One service and ordering it with a voucher: the quote (subsidy and own share) shows before the order is confirmed. */
export function ServicePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const service = useApi('/catalog/services/{id}', { params: { path: { id } } });
  return (
    <>
      <PageHeader title={service.data?.name ?? t('service.title')} sub={service.data && <Tag color={service.data.status === 'active' ? 'green' : 'default'}>{service.data.providerName}</Tag>} />
      <LoadError error={service.error} retry={() => void service.reload()} />
      {service.data && (
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <ServiceFacts service={service.data} />
            <ServiceRatings serviceId={service.data.id} />
          </Col>
          <Col xs={24} xl={12}>
            <OrderCard service={service.data} />
          </Col>
        </Row>
      )}
    </>
  );
}

type OrderValues = Omit<Schema<'CreateOrderDto'>, 'serviceId'>;

function OrderCard({ service }: { service: CatalogService }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<OrderValues>();
  const vouchers = useApi('/vouchers', { params: { query: { status: 'active', limit: 500 } } });
  const voucherId = Form.useWatch('voucherId', form);
  const quantity = Form.useWatch('quantity', form);
  const [quote, setQuote] = useState<{ for: string; data?: Quote; error?: string }>();
  const [quoting, setQuoting] = useState(false);
  const seq = useRef(0);
  const keyOf = (v?: string, q?: number) => `${v}|${q}`;
  const current = keyOf(voucherId, quantity);

  useEffect(() => {
    if (!voucherId || !quantity || !Number.isInteger(quantity) || quantity < 1) {
      setQuote(undefined);
      return;
    }
    const mine = ++seq.current;
    setQuoting(true);
    const timer = setTimeout(() => {
      api
        .post('/service-orders/quote', { body: { serviceId: service.id, voucherId, quantity } })
        .then((data) => mine === seq.current && setQuote({ for: keyOf(voucherId, quantity), data }))
        .catch((err) => mine === seq.current && setQuote({ for: keyOf(voucherId, quantity), error: errorText(err, t) }))
        .finally(() => mine === seq.current && setQuoting(false));
    }, 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [voucherId, quantity, service.id]);

  const usable = (vouchers.data ?? []).filter((v) => v.availableFen > 0);
  // One voucher with a balance: it is the one to pay with.
  useEffect(() => {
    if (usable.length === 1 && !form.getFieldValue('voucherId')) form.setFieldsValue({ voucherId: usable[0].id });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [vouchers.data]);
  if (vouchers.data && usable.length === 0) {
    return (
      <Card title={t('enterprise.order.withVoucher')}>
        <Empty description={t('enterprise.order.noVoucher')}>
          <Link to="/enterprise/programs"><Button type="primary">{t('enterprise.applications.new')}</Button></Link>
        </Empty>
      </Card>
    );
  }
  const shown = quote?.for === current ? quote : undefined;
  return (
    <Card title={t('enterprise.order.withVoucher')} data-testid="order-card">
      <ApiForm<OrderValues, Order>
        schema="CreateOrderDto"
        form={form}
        initialValues={{ quantity: 1 }}
        submit={async (v, key) => {
          // Ordering is confirmed only against the quote the person has seen for these very values.
          if (!shown?.data) throw new Error(t('enterprise.order.quoteFirst'));
          return api.post('/service-orders', { body: { serviceId: service.id, voucherId: v.voucherId, quantity: v.quantity }, idempotencyKey: key });
        }}
        submitLabel={t('enterprise.order.place')}
        successMessage={t('enterprise.order.placed')}
        onDone={(o) => navigate(`/enterprise/orders/${o.id}`)}
        testId="order-form"
      >
        <Field name="voucherId" label={t('order.voucher')}>
          <Select
            loading={vouchers.loading}
            placeholder={t('enterprise.order.chooseVoucher')}
            data-testid="order-voucher"
            options={usable.map((v) => ({ value: v.id, label: `${v.number} · ${t('enterprise.order.voucherAvailable', { amount: formatFen(v.availableFen) })}` }))}
          />
        </Field>
        <Field name="quantity" label={t('enterprise.order.quantityLabel', { unit: service.unit })}>
          <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} data-testid="order-quantity" />
        </Field>
        <Spin spinning={quoting}>
          {shown?.error && <Alert type="error" showIcon title={t('enterprise.order.quoteRefused')} description={shown.error} style={{ marginBottom: 16 }} data-testid="quote-error" />}
          {shown?.data && <QuoteView quote={shown.data} />}
          {!shown && <Typography.Paragraph type="secondary">{t('enterprise.order.quoteHint')}</Typography.Paragraph>}
        </Spin>
      </ApiForm>
    </Card>
  );
}

/** The quote: contract amount, ratio, the voucher's subsidy and the enterprise's own share. */
function QuoteView({ quote }: { quote: Quote }) {
  const { t } = useI18n();
  return (
    <Card size="small" type="inner" title={t('enterprise.quote.title')} style={{ marginBottom: 16 }} data-testid="quote">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('enterprise.quote.contract')}>
          <span>
            <Money fen={quote.unitPriceFen} /> × {quote.quantity} = <span data-testid="quote-contract"><Money fen={quote.contractAmountFen} strong /></span>
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.quote.ratio')}>{formatBp(quote.ratioBp)}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.quote.subsidy')}>
          <Typography.Text type="success" strong data-testid="quote-subsidy">{formatFen(quote.subsidyFen)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('enterprise.quote.ownShare')}>
          <Typography.Text strong data-testid="quote-own-share">{formatFen(quote.enterpriseShareFen)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('order.limitedBy')}>{t(`order.limitedBy.${quote.subsidyLimitedBy}`)}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise.quote.voucherAfter')}>
          {t('enterprise.quote.voucherAfterValue', { now: formatFen(quote.voucherAvailableFen), after: formatFen(quote.voucherAvailableFen - quote.subsidyFen) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('order.crossRegion')}>
          {quote.recognitionAgreementId ? <Tag color="blue">{t('order.recognised')}</Tag> : t('order.local')}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary">{t('enterprise.quote.note')}</Typography.Text>
    </Card>
  );
}
