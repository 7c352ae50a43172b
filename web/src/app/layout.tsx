import { BellOutlined, CalendarOutlined, KeyOutlined, LogoutOutlined, MailOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { Area } from './area';
import { useAuth, useMe } from './auth';
import { useApi } from './data';
import { useI18n } from './i18n';
import { ElderToggle } from './elder-toggle';
import { LanguageSwitch } from './language-switch';

/** The phone's menu drawer loads with the first narrow layout: desktops never download it (the first-load budget, web/build.mjs). */
const Drawer = lazy(() => import('antd/es/drawer'));

/** Header, role menu and content frame of every signed-in page. */
export function Shell({ areas }: { areas: Area[] }) {
  const me = useMe();
  const { signOut } = useAuth();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const inbox = useApi('/notifications', { params: { query: { limit: 1 } } }, { pollMs: 30_000 });
  const screens = Grid.useBreakpoint();
  // On a phone the account button shows its icon only (the name is its label), so the title keeps some room.
  const phone = screens.sm === false;
  // Below md (phones, small tablets) the side menu lives in a drawer behind the header's menu button
  // (docs/accessibility.md, "Phones"). Until the first measurement (`md` undefined) the desktop frame is drawn.
  const narrow = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  // A page opened from the drawer closes it; so does growing past the breakpoint.
  useEffect(() => setDrawerOpen(false), [location.pathname, narrow]);

  const items: NonNullable<MenuProps['items']> = [];
  const groups = new Map<string, { key: string; label: string; children: { key: string; label: string; icon?: React.ReactNode }[] }>();
  for (const page of areas.flatMap((a) => a.pages)) {
    if (!page.menu || !page.roles.includes(me.user.role) || (page.kinds && !page.kinds.includes(me.organization.kind)) || (page.orgAdmin && !me.user.isOrgAdmin)) continue;
    const entry = { key: page.path, label: t(page.menu), icon: page.icon };
    if (!page.group) {
      items.push(entry);
      continue;
    }
    let group = groups.get(page.group);
    if (!group) {
      group = { key: `group:${page.group}`, label: t(page.group), children: [] };
      groups.set(page.group, group);
      items.push(group);
    }
    group.children.push(entry);
  }
  const groupKeys = [...groups.values()].map((g) => g.key);
  const [openKeys, setOpenKeys] = useState<string[]>(groupKeys);
  const groupsSignature = groupKeys.join('|');
  // Every group starts open, also when the role (and so the menu) changes after sign-in.
  useEffect(() => setOpenKeys(groupsSignature ? groupsSignature.split('|') : []), [groupsSignature]);
  const selected = areas
    .flatMap((a) => a.pages)
    .filter((p) => p.menu && location.pathname.startsWith(p.path))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;

  const menu = (
    <Menu
      mode="inline"
      inlineCollapsed={false}
      selectedKeys={selected ? [selected] : []}
      openKeys={openKeys}
      onOpenChange={setOpenKeys}
      items={items}
      onClick={(e) => {
        setDrawerOpen(false); // also when the entry is the page already open
        navigate(e.key);
      }}
      style={{ height: '100%', borderRight: 0 }}
      data-testid="side-menu"
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: narrow ? 8 : 12, padding: narrow ? '0 8px' : '0 clamp(12px, 3vw, 24px)' }}>
        {narrow && (
          <Button
            ref={menuButton}
            type="text"
            icon={<MenuOutlined style={{ color: '#fff' }} />}
            aria-label={t('nav.openMenu')}
            aria-expanded={drawerOpen}
            aria-controls="g60-nav-drawer"
            data-testid="menu-button"
            onClick={() => setDrawerOpen(true)}
            style={{ flex: 'none' }}
          />
        )}
        {/* On a phone the title gives way (one line, cut with an ellipsis) to the language, inbox and account controls. */}
        <Typography.Text
          strong
          ellipsis
          title={t('app.title')}
          style={{ color: '#fff', fontSize: 'clamp(14px, 2.4vw, 18px)', cursor: 'pointer', minWidth: 0, flex: '1 1 auto', whiteSpace: 'nowrap' }}
          onClick={() => navigate('/')}
        >
          {t('app.title')}
        </Typography.Text>
        {/* 4 px apart on a phone: elder mode's 44 px controls must still fit 390 px beside the menu button. */}
        <Space size={phone ? 4 : 'middle'} style={{ flex: 'none' }}>
          <ElderToggle onDark compact={phone} />
          <LanguageSwitch testId="lang-toggle" />
          <Badge count={inbox.data?.unreadCount ?? 0} size="small">
            <Button type="text" icon={<BellOutlined style={{ color: '#fff' }} />} onClick={() => navigate('/notifications')} aria-label={t('nav.notifications')} />
          </Badge>
          <Dropdown
            menu={{
              items: [
                { key: 'org', label: me.organization.name, disabled: true },
                { key: 'role', label: label('role', me.user.role), disabled: true },
                { type: 'divider' },
                { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-change-password">{t('nav.changePassword')}</span>, onClick: () => navigate('/account/password') },
                { key: 'calendar', icon: <CalendarOutlined />, label: <span data-testid="menu-calendar-feed">{t('calendarFeed.menu')}</span>, onClick: () => navigate('/account/calendar') },
                { key: 'channels', icon: <MailOutlined />, label: <span data-testid="menu-notification-preferences">{t('nav.notificationPreferences')}</span>, onClick: () => navigate('/account/notifications') },
                { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: () => void signOut().then(() => navigate('/login')) },
              ],
            }}
          >
            <Button type="text" style={{ color: '#fff' }} icon={<UserOutlined />} data-testid="user-menu" aria-label={me.user.displayName} title={me.user.displayName}>
              {phone ? null : me.user.displayName}
            </Button>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Layout>
        {narrow ? (
          // A modal drawer: antd traps the focus inside while it is open and Escape closes it; focus then
          // returns to the menu button that opened it.
          <Suspense fallback={null}>
          <Drawer
            id="g60-nav-drawer"
            placement="left"
            size={Math.min(300, window.innerWidth - 48)}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            afterOpenChange={(open) => {
              if (!open) menuButton.current?.focus();
            }}
            title={t('nav.menu')}
            styles={{ body: { padding: 0 } }}
          >
            <div data-testid="nav-drawer">{menu}</div>
          </Drawer>
          </Suspense>
        ) : (
          <Layout.Sider width={220} theme="light">
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: 'clamp(12px, 3vw, 24px)', minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
