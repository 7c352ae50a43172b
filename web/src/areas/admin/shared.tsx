import { Select, Typography } from 'antd';
import type { SelectProps } from 'antd';
import type { Role } from '../../app/auth';
import { useI18n } from '../../app/i18n';

export const ROLES: Role[] = ['enterprise_user', 'provider_user', 'reviewer', 'approver', 'finance', 'partner_admin', 'investor', 'platform_admin', 'roadshow_organiser'];

/** A choice of roles, shown in the reader's language. */
export function RoleSelect(props: SelectProps<Role | Role[]> & { roles?: Role[] }) {
  const { label } = useI18n();
  const { roles = ROLES, ...rest } = props;
  return <Select allowClear {...rest} options={roles.map((r) => ({ value: r, label: label('role', r) }))} />;
}

/** Job data, audit before/after: JSON as it came. */
export function JsonBlock({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <pre style={{ margin: 0, maxHeight: 240, overflow: 'auto', fontSize: 12, background: '#fafafa', padding: 8, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
