import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { RequireAuth, RequireRole } from './auth/guards';
import { Layout } from './components/Layout';
import { Loading, NotFound } from './components/Status';
import { FeedPage } from './pages/FeedPage';
import { useI18n } from './i18n';

// The feed is in the main bundle; everything else loads on demand.
const ProductPage = lazy(() => import('./pages/ProductPage'));
const SellPage = lazy(() => import('./pages/SellPage'));
const MyPage = lazy(() => import('./pages/MyPage'));
const ChatListPage = lazy(() => import('./pages/ChatListPage'));
const ChatRoomPage = lazy(() => import('./pages/ChatRoomPage'));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage'));
const SettingsPage = lazy(() => import('./pages/SettingsPage'));
const AdminPage = lazy(() => import('./pages/AdminPage'));
const UserPage = lazy(() => import('./pages/UserPage'));
const LicensesPage = lazy(() => import('./pages/LicensesPage'));

function Callback() {
  const { t } = useI18n();
  return <Loading label={t('auth.callback')} />;
}

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<FeedPage />} />
          <Route path="login/callback" element={<Callback />} />
          <Route path="products/:id" element={<ProductPage />} />
          <Route path="users/:id" element={<UserPage />} />
          <Route
            path="sell"
            element={
              <RequireAuth>
                <SellPage />
              </RequireAuth>
            }
          />
          <Route
            path="products/:id/edit"
            element={
              <RequireAuth>
                <SellPage />
              </RequireAuth>
            }
          />
          <Route
            path="my"
            element={
              <RequireAuth>
                <MyPage />
              </RequireAuth>
            }
          />
          <Route
            path="chat"
            element={
              <RequireAuth>
                <ChatListPage />
              </RequireAuth>
            }
          />
          <Route
            path="chat/:roomId"
            element={
              <RequireAuth>
                <ChatRoomPage />
              </RequireAuth>
            }
          />
          <Route
            path="notifications"
            element={
              <RequireAuth>
                <NotificationsPage />
              </RequireAuth>
            }
          />
          <Route
            path="settings"
            element={
              <RequireAuth>
                <SettingsPage />
              </RequireAuth>
            }
          />
          <Route
            path="admin"
            element={
              <RequireRole role="admin">
                <AdminPage />
              </RequireRole>
            }
          />
          <Route path="licenses" element={<LicensesPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
