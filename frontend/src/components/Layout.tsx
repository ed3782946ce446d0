import { BellIcon, CarrotIcon, ChatIcon, HomeIcon, PlusIcon, UserIcon } from './Icons';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { hasRole, useAuth } from '../auth/AuthContext';
import { LanguageSwitch, useI18n } from '../i18n';
import { useNotificationStream, useUnreadCount } from '../notifications/useNotificationStream';

function Bell() {
  const { t } = useI18n();
  const { data: unread } = useUnreadCount();
  const n = unread ?? 0;
  // The label ends with the count as shown, so the visible text is part of the accessible name (WCAG 2.5.3).
  const shown = n > 99 ? '99+' : String(n);
  return (
    <Link
      to="/notifications"
      className="icon-button bell"
      aria-label={n > 0 ? t('noti.bell', { n: shown }) : t('noti.bellNone')}
    >
      <BellIcon />
      {n > 0 && (
        <span className="count-badge" data-testid="bell-count" aria-hidden="true">
          {shown}
        </span>
      )}
    </Link>
  );
}

export function Layout() {
  const { t } = useI18n();
  const { user, ready, login, signup, logout } = useAuth();
  useNotificationStream();
  // Like Karrot: the sell button floats over the lists only, never over a page's own action bar.
  const { pathname } = useLocation();
  const showFab = ['/', '/my'].includes(pathname);
  // A listing and a chat room have their own bottom bar (price + 채팅하기, the composer) instead of the tabs.
  const immersive = /^\/(products|chat)\/\d+$/.test(pathname);
  return (
    <div className={immersive ? 'app app-immersive' : 'app'}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="logo">
          <CarrotIcon /> {t('appName')}
        </Link>
        <div className="topbar-actions">
          <LanguageSwitch />
          {user && hasRole(user, 'admin') && (
            <Link to="/admin" className="link-button">
              {t('nav.admin')}
            </Link>
          )}
          {user && <Bell />}
          {ready && !user && (
            <>
              <button type="button" className="link-button" onClick={() => void signup()}>
                {t('auth.signup')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => void login()}>
                {t('auth.login')}
              </button>
            </>
          )}
          {user && (
            <button type="button" className="link-button" onClick={() => void logout()}>
              {t('auth.logout')}
            </button>
          )}
        </div>
      </header>
      <main id="main" className="content">
        <Outlet />
        {/* Inside main (it floats, position: fixed) so that no content is outside a landmark. */}
        {showFab && (
          <Link to="/sell" className="fab" aria-label={t('nav.sell')}>
            <PlusIcon />
            <span className="fab-text">{t('nav.sell')}</span>
          </Link>
        )}
      </main>
      {!immersive && (
        <nav className="tabbar" aria-label={t('nav.main')}>
          <NavLink to="/" end>
            <HomeIcon />
            {t('nav.home')}
          </NavLink>
          <NavLink to="/chat">
            <ChatIcon />
            {t('nav.chat')}
          </NavLink>
          <NavLink to="/my">
            <UserIcon />
            {t('nav.my')}
          </NavLink>
        </nav>
      )}
    </div>
  );
}
