import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { RequireAuth, RequireRole } from './guards';
import { fakeAuth, renderWith } from '../test/render';
import { sessionUserFromToken } from './token';

const secret = <p>secret page</p>;

describe('auth guards', () => {
  it('sends an anonymous visitor to login with the page to come back to', async () => {
    const auth = fakeAuth(null);
    renderWith(
      <Routes>
        <Route path="/my" element={<RequireAuth>{secret}</RequireAuth>} />
      </Routes>,
      { auth, path: '/my?tab=likes' },
    );
    expect(screen.queryByText('secret page')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('로그인 페이지로 이동 중');
    await waitFor(() => expect(auth.login).toHaveBeenCalledWith('/my?tab=likes'));
  });

  it('waits for the startup sign-in before deciding', () => {
    const auth = fakeAuth(null, { ready: false });
    renderWith(<RequireAuth>{secret}</RequireAuth>, { auth });
    expect(auth.login).not.toHaveBeenCalled();
  });

  it('shows the page to a signed-in user', () => {
    renderWith(<RequireAuth>{secret}</RequireAuth>, { auth: fakeAuth({}) });
    expect(screen.getByText('secret page')).toBeTruthy();
  });

  it('refuses the admin console to a non-admin with a 403 page, and opens it for an admin', () => {
    const { unmount } = renderWith(<RequireRole role="admin">{secret}</RequireRole>, {
      auth: fakeAuth({ roles: ['user'] }),
    });
    expect(screen.getByRole('heading', { name: '접근 권한이 없어요' })).toBeTruthy();
    expect(screen.queryByText('secret page')).toBeNull();
    unmount();
    renderWith(<RequireRole role="admin">{secret}</RequireRole>, { auth: fakeAuth({ roles: ['user', 'admin'] }) });
    expect(screen.getByText('secret page')).toBeTruthy();
  });

  it('reads the realm roles from the access token', () => {
    const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    // btoa needs Latin-1: encode the Korean name as UTF-8 first.
    const utf8 = `${b64({ alg: 'RS256' })}.${btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify({ sub: 's1', preferred_username: '앨리스', realm_access: { roles: ['user', 'admin'] } })))).replace(/=+$/, '')}.sig`;
    const u = sessionUserFromToken(utf8);
    expect(u).toMatchObject({ id: 's1', username: '앨리스', roles: ['user', 'admin'] });
  });
});
