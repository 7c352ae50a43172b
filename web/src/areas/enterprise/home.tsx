import { FileAddOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, List, Row, Space, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/auth';
import { Money, PageHeader, StatusTag } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';
import { formatFen } from '@shared/money';
import { RefreshButton } from '../../app/widgets/refresh-button';
import { ServiceName } from '../../features/catalog/services';
import { ProgramName } from '../../features/orders/records';
import { capText } from '../../features/programmes/policy';

const OPEN_APPLICATION = ['draft', 'submitted', 'in_review', 'returned', 'approved'];
/** Orders that wait for the enterprise (confirm a delivery) or for the lab. */
const ORDER_NEEDS_ME = ['delivered'];
const ORDER_IN_PROGRESS = ['created', 'accepted', 'disputed'];

/** The enterprise's first page: balances, applications in progress, orders that need it, programmes open now. */
export function EnterpriseHome() {
  const { t, pick } = useI18n();
  const me = useMe();
  const vouchers = useApi('/vouchers', { params: { query: { limit: 500 } } });
  const applications = useApi('/voucher-applications', { params: { query: { limit: 100 } } });
  const orders = useApi('/service-orders', { params: { query: { limit: 100 } } });
  const programs = useApi('/programs', { params: { query: { status: 'open' } } });
  const reload = () => Promise.all([vouchers.reload(), applications.reload(), orders.reload(), programs.reload()]);

  const active = (vouchers.data ?? []).filter((v) => v.status === 'active');
  const available = active.reduce((sum, v) => sum + v.availableFen, 0);
  const held = active.reduce((sum, v) => sum + v.heldFen, 0);
  const openApps = (applications.data ?? []).filter((a) => OPEN_APPLICATION.includes(a.status));
  const needsMe = (orders.data ?? []).filter((o) => ORDER_NEEDS_ME.includes(o.status));
  const inProgress = (orders.data ?? []).filter((o) => ORDER_IN_PROGRESS.includes(o.status));

  return (
    <>
      <PageHeader
        title={t('enterprise.home.title', { name: me.organization.name })}
        sub={t('enterprise.home.sub')}
        extra={
          <>
            <RefreshButton onClick={() => void reload()} />
            <Link to="/enterprise/catalog"><Button icon={<SearchOutlined />}>{t('enterprise.home.findService')}</Button></Link>
            <Link to="/enterprise/programs"><Button type="primary" icon={<FileAddOutlined />}>{t('enterprise.applications.new')}</Button></Link>
          </>
        }
      />
      {[vouchers, applications, orders, programs].map((x, i) => <LoadError key={i} error={x.error} />)}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('enterprise.home.activeVouchers')} value={active.length} /></Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('enterprise.home.available')} value={formatFen(available)} styles={{ content: { color: '#1f5fbf' } }} /></Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('enterprise.home.held')} value={formatFen(held)} /></Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('enterprise.home.needsAction')} value={needsMe.length + openApps.filter((a) => a.status === 'returned' || a.status === 'draft').length} styles={{ content: needsMe.length ? { color: '#d46b08' } : undefined }} /></Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={t('enterprise.home.ordersNeedingAction')} style={{ marginBottom: 16 }} extra={<Link to="/enterprise/orders">{t('enterprise.home.all')}</Link>} data-testid="home-orders">
            <List
              dataSource={[...needsMe, ...inProgress].slice(0, 8)}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('enterprise.home.noOrders')} /> }}
              renderItem={(o) => (
                <List.Item actions={[<StatusTag key="s" status={o.status} />]}>
                  <List.Item.Meta
                    title={<Link to={`/enterprise/orders/${o.id}`}>{o.number} · <ServiceName id={o.serviceId} /></Link>}
                    description={
                      <Space separator="·">
                        <span><Money fen={o.contractAmountFen} /></span>
                        <span>{o.status === 'delivered' ? t('enterprise.home.confirmDelivery') : t('enterprise.home.waitingLab')}</span>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
          <Card title={t('enterprise.home.vouchers')} style={{ marginBottom: 16 }} extra={<Link to="/enterprise/vouchers">{t('enterprise.home.all')}</Link>}>
            <List
              dataSource={active.slice(0, 5)}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('enterprise.vouchers.none')} /> }}
              renderItem={(v) => (
                <List.Item actions={[<Money key="a" fen={v.availableFen} strong />]}>
                  <List.Item.Meta title={<Link to={`/enterprise/vouchers/${v.id}`}>{v.number}</Link>} description={<><ProgramName id={v.programId} /> · {t('enterprise.voucher.useBy')} {v.useBy}</>} />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('enterprise.home.applications')} style={{ marginBottom: 16 }} extra={<Link to="/enterprise/applications">{t('enterprise.home.all')}</Link>} data-testid="home-applications">
            <List
              dataSource={openApps.slice(0, 6)}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('enterprise.applications.none')} /> }}
              renderItem={(a) => (
                <List.Item actions={[<StatusTag key="s" status={a.status} />]}>
                  <List.Item.Meta title={<Link to={`/enterprise/applications/${a.id}`}>{a.number}</Link>} description={<><ProgramName id={a.programId} /> · <Money fen={a.requestedFen} /></>} />
                </List.Item>
              )}
            />
          </Card>
          <Card title={t('enterprise.home.openPrograms')} style={{ marginBottom: 16 }} extra={<Link to="/enterprise/programs">{t('enterprise.home.all')}</Link>}>
            <List
              dataSource={(programs.data ?? []).slice(0, 5)}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('enterprise.programs.none')} /> }}
              renderItem={(p) => (
                <List.Item actions={[<Link key="a" to={`/enterprise/programs/${p.id}/apply`}>{t('enterprise.programs.apply')}</Link>]}>
                  <List.Item.Meta title={pick(p.name, p.nameEn)} description={t('enterprise.home.programLine', { cap: capText(p.perApplicationCapFen, t), useBy: p.useBy })} />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
