import type { ReactNode } from 'react';
import { PageHeader } from '../common';
import { RefreshButton } from './refresh-button';

/** The header of one record's page: its title and number, its status, refresh, and the actions allowed now. */
export function RecordHeader(props: { title: string; number?: string; status?: ReactNode; onRefresh(): void; loading?: boolean; extra?: ReactNode }) {
  return (
    <PageHeader
      title={<>{props.title} <span data-testid="record-number">{props.number}</span></>}
      sub={props.status && <span data-testid="record-status">{props.status}</span>}
      extra={
        <>
          <RefreshButton onClick={props.onRefresh} loading={props.loading} />
          {props.extra}
        </>
      }
    />
  );
}
