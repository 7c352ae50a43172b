import { Card, Empty, Input, List, Radio, Space, Typography } from 'antd';
import { api, type Schema } from '../../app/api';
import { formatTime } from '../../app/common';
import { LoadError, useApi } from '../../app/data';
import { Field } from '../../app/forms';
import { useI18n } from '../../app/i18n';
import { FormAction } from '../../app/widgets/form-action';
import type { Order } from './records';

type Rating = Schema<'RatingDto'>;

/** Orders the enterprise has confirmed (docs/domain.md, "Ratings"): the API refuses others with 409. */
const RATEABLE = ['confirmed', 'claimed', 'settled', 'rejected'];

/** A score as stars for the eye, with the number for screen readers and for anyone who cannot tell the stars apart. */
export function Stars({ score }: { score: number }) {
  const { t } = useI18n();
  const whole = Math.round(score);
  return (
    <span aria-label={t('rating.scoreOf', { n: score })} data-testid="rating-stars">
      <span aria-hidden="true" style={{ color: '#ad6800' }}>{'★'.repeat(whole)}{'☆'.repeat(5 - whole)}</span> <Typography.Text>{t('rating.scoreShort', { n: score })}</Typography.Text>
    </span>
  );
}

/** The average and count the catalogue shows for a service (search results and the service page). */
export function RatingSummary({ count, average }: { count: number; average: number | null }) {
  const { t } = useI18n();
  if (!count || average === null) return <Typography.Text type="secondary" data-testid="rating-summary">{t('rating.none')}</Typography.Text>;
  return (
    <span data-testid="rating-summary">
      <Stars score={average} /> <Typography.Text type="secondary">{t('rating.count', { n: count })}</Typography.Text>
    </span>
  );
}

/**
 * The rating of one order: the enterprise rates a confirmed order once (score and comment, final); the
 * lab reads it and replies once. Both see the other's words.
 */
export function OrderRating({ order, side }: { order: Order; side: 'enterprise' | 'lab' }) {
  const { t } = useI18n();
  const ratings = useApi('/service-ratings', { params: { query: { mine: true, limit: 200 } } });
  const rating = ratings.data?.find((r) => r.orderId === order.id);
  const mayRate = side === 'enterprise' && RATEABLE.includes(order.status) && !rating;
  if (!rating && !mayRate) return null;
  return (
    <Card title={t('rating.title')} size="small" style={{ marginBottom: 16 }} data-testid="order-rating">
      <LoadError error={ratings.error} retry={() => void ratings.reload()} />
      {rating ? (
        <RatingView rating={rating} side={side} onDone={() => void ratings.reload()} />
      ) : (
        <Space direction="vertical">
          <Typography.Text>{t('rating.invite')}</Typography.Text>
          <FormAction<{ score: number; comment?: string }, Rating>
            label={t('rating.rate')}
            title={t('rating.rateTitle')}
            intro={t('rating.final')}
            testId="order-rate"
            schema="RateOrderDto"
            buttonProps={{ type: 'primary' }}
            submit={(v, key) => api.post('/service-orders/{id}/rating', { params: { path: { id: order.id } }, body: v, idempotencyKey: key })}
            successMessage={t('rating.thanks')}
            onDone={() => void ratings.reload()}
          >
            <Field name="score" label={t('rating.score')}>
              <Radio.Group data-testid="rating-score" options={[5, 4, 3, 2, 1].map((n) => ({ value: n, label: t(`rating.score.${n}`) }))} />
            </Field>
            <Field name="comment" label={t('rating.comment')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Field>
          </FormAction>
        </Space>
      )}
    </Card>
  );
}

function RatingView({ rating, side, onDone }: { rating: Rating; side: 'enterprise' | 'lab'; onDone(): void }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Stars score={rating.score} />
      {rating.comment && <Typography.Paragraph style={{ marginBottom: 0 }}>{rating.comment}</Typography.Paragraph>}
      <Typography.Text type="secondary">{formatTime(rating.createdAt)}</Typography.Text>
      {rating.reply ? (
        <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="rating-reply">
          <Typography.Text strong>{t('rating.reply')}：</Typography.Text>
          {rating.reply}
        </Typography.Paragraph>
      ) : (
        side === 'lab' && (
          <FormAction<{ reply: string }, Rating>
            label={t('rating.replyAction')}
            title={t('rating.replyTitle')}
            intro={t('rating.replyOnce')}
            testId="rating-reply-action"
            schema="ReplyToRatingDto"
            submit={(v, key) => api.post('/service-ratings/{id}/reply', { params: { path: { id: rating.id } }, body: v, idempotencyKey: key })}
            onDone={onDone}
          >
            <Field name="reply" label={t('rating.reply')}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Field>
          </FormAction>
        )
      )}
    </Space>
  );
}

/** Recent ratings of a service, for its page in the catalogue. */
export function ServiceRatings({ serviceId }: { serviceId: string }) {
  const { t } = useI18n();
  const ratings = useApi('/service-ratings', { params: { query: { serviceId, limit: 20 } } });
  return (
    <Card title={t('rating.recent')} size="small" style={{ marginTop: 16 }} data-testid="service-ratings">
      <LoadError error={ratings.error} retry={() => void ratings.reload()} />
      <List<Rating>
        loading={ratings.loading}
        dataSource={ratings.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rating.none')} /> }}
        renderItem={(r) => (
          <List.Item key={r.id}>
            <Space direction="vertical" size={2}>
              <Stars score={r.score} />
              {r.comment && <Typography.Text>{r.comment}</Typography.Text>}
              {r.reply && <Typography.Text type="secondary">{t('rating.reply')}：{r.reply}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Every rating a lab's services received, newest first, each with its reply (or the reply action). */
export function ReceivedRatings() {
  const { t } = useI18n();
  const ratings = useApi('/service-ratings', { params: { query: { mine: true, limit: 200 } } });
  return (
    <>
      <LoadError error={ratings.error} retry={() => void ratings.reload()} />
      <List<Rating>
        loading={ratings.loading}
        dataSource={ratings.data ?? []}
        data-testid="received-ratings"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rating.none')} /> }}
        renderItem={(r) => (
          <List.Item key={r.id}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text strong>
                {r.serviceName} · {r.orderNumber}
              </Typography.Text>
              <RatingView rating={r} side="lab" onDone={() => void ratings.reload()} />
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
