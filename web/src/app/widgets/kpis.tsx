import { Card, Col, Row, Statistic } from 'antd';
import { formatFen } from '@shared/money';

export interface Kpi {
  title: string;
  value: number;
  money?: boolean;
  testId: string;
  danger?: boolean;
}

/**
 * A row of headline figures (KPI cards); money in yuan from fen; `danger` turns a non-zero figure red.
 * `narrow`: two to a row at every width, for a side column.
 */
export function Kpis({ items, narrow = false }: { items: Kpi[]; narrow?: boolean }) {
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {items.map((k) => (
        <Col key={k.testId} xs={12} md={narrow ? 12 : 24 / Math.min(items.length, 4)}>
          <Card size="small" data-testid={k.testId}>
            <Statistic
              title={k.title}
              value={k.money ? formatFen(k.value) : k.value}
              styles={{ content: k.danger && k.value > 0 ? { color: '#cf1322' } : undefined }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
