import { Alert, Button, Divider, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, tokens } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useApi } from '../../app/data';
import { useI18n } from '../../app/i18n';

const REASONS = ['invalid_state', 'provider_error', 'email_unverified', 'no_account', 'account_disabled', 'already_linked'];

/**
 * Single sign-on on the login page (docs/security.md, "Single sign-on"): the "sign in with <provider>" button when
 * the server has a provider, and the end of the round trip: the callback sends the browser to /login#sso=<ticket>
 * (exchanged here for the usual token pair) or /login#sso_error=<reason> (said in words).
 */
export function SsoSignIn() {
  const { t } = useI18n();
  const { refreshMe } = useAuth();
  const navigate = useNavigate();
  const options = useApi('/auth/oidc');
  const [hash] = useState(() => new URLSearchParams(window.location.hash.slice(1)));
  const ticket = hash.get('sso');
  const [error, setError] = useState<string | undefined>(() => {
    const reason = hash.get('sso_error');
    return reason ? (REASONS.includes(reason) ? `sso.error.${reason}` : 'sso.error.provider_error') : undefined;
  });
  useEffect(() => {
    // The fragment holds a one-time secret: out of the address bar and the history at once.
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
    if (!ticket) return;
    api
      .post('/auth/oidc/exchange', { body: { ticket } })
      .then(async (pair) => {
        tokens.set(pair);
        await refreshMe();
        navigate('/', { replace: true });
      })
      .catch(() => setError('sso.error.ticket'));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticket]);
  return (
    <>
      {ticket && !error && <Alert type="info" showIcon icon={<Spin size="small" />} title={t('sso.signingIn')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={t(error)} style={{ marginBottom: 16 }} data-testid="sso-error" />}
      {options.data?.enabled && (
        <>
          <Divider plain>{t('sso.or')}</Divider>
          <Button block href="/api/v1/auth/oidc/start" data-testid="sso-button">
            {t('sso.button', { name: options.data.displayName ?? '' })}
          </Button>
        </>
      )}
    </>
  );
}
