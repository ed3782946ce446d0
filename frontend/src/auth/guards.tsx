import { useEffect, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { useI18n } from '../i18n';
import { hasRole, useAuth } from './AuthContext';
import { Forbidden } from '../components/Status';

/** Pages that need a signed-in user send anonymous visitors to Keycloak and back here. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { ready, user, login } = useAuth();
  const { t } = useI18n();
  const loc = useLocation();
  useEffect(() => {
    if (ready && !user) void login(loc.pathname + loc.search);
  }, [ready, user, login, loc.pathname, loc.search]);
  if (!ready)
    return (
      <p className="state" role="status">
        {t('common.loading')}
      </p>
    );
  if (!user)
    return (
      <p className="state" role="status">
        {t('auth.redirecting')}
      </p>
    );
  return <>{children}</>;
}

/** Role gate: signed-in users without the role see a 403 page (the API refuses them as well). */
export function RequireRole({ role, children }: { role: string; children: ReactNode }) {
  const { user } = useAuth();
  return <RequireAuth>{hasRole(user, role) ? children : <Forbidden />}</RequireAuth>;
}
