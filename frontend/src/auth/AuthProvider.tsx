import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { UserManager, type User } from 'oidc-client-ts';
import { setTokenProvider, setUnauthorizedHandler } from '../api/client';
import { AuthContext, type AuthValue } from './AuthContext';
import { useCacheFollowsIdentity } from './cacheIdentity';
import { CALLBACK_PATH, oidcSettings } from './settings';
import { singleFlight } from './singleFlight';
import { sessionUserFromToken, type SessionUser } from './token';

let manager: UserManager | null = null;
function userManager(): UserManager {
  manager ??= new UserManager(oidcSettings());
  return manager;
}

interface State {
  ready: boolean;
  user: SessionUser | null;
  token: string | null;
}

function fromOidc(u: User | null): Pick<State, 'user' | 'token'> {
  if (!u || u.expired || !u.access_token) return { user: null, token: null };
  return { user: sessionUserFromToken(u.access_token), token: u.access_token };
}

let currentToken: string | null = null;
// Signing out removes the user before the browser leaves; guards must not start a login meanwhile.
let leaving = false;

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ ready: false, user: null, token: null });
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const um = userManager();
    const apply = (u: User | null) => {
      const s = fromOidc(u);
      currentToken = s.token;
      setState({ ready: true, ...s });
    };
    um.events.addUserLoaded(apply);
    um.events.addUserUnloaded(() => apply(null));
    // Every silent renewal goes through one flight: refresh tokens rotate, and a second refresh with the same
    // token (a 401 burst after sleep, racing the expiry timer) would end the session.
    const renew = singleFlight(() => um.signinSilent());
    const renewOrSignOut = () => {
      renew().catch(() => um.removeUser());
    };
    um.events.addAccessTokenExpiring(renewOrSignOut);
    setTokenProvider(() => currentToken);
    setUnauthorizedHandler(renewOrSignOut);

    (async () => {
      const url = new URL(window.location.href);
      if (url.pathname === CALLBACK_PATH) {
        try {
          const u = await um.signinRedirectCallback();
          apply(u);
          const returnTo = (u.state as { returnTo?: string } | undefined)?.returnTo ?? '/';
          window.history.replaceState(null, '', returnTo);
          window.dispatchEvent(new PopStateEvent('popstate'));
        } catch (e) {
          console.warn('sign-in callback failed', e);
          window.history.replaceState(null, '', '/');
          window.dispatchEvent(new PopStateEvent('popstate'));
          apply(null);
        }
        return;
      }
      try {
        // Tokens are only in memory, so a reload asks Keycloak (hidden iframe, prompt=none) whether the
        // browser still has an SSO session.
        apply(await renew());
      } catch {
        apply(null);
      }
    })();
  }, []);

  useCacheFollowsIdentity(state.ready, state.user?.id ?? null);

  const value = useMemo<AuthValue>(
    () => ({
      ready: state.ready,
      user: state.user,
      accessToken: state.token,
      login: async (returnTo) => {
        if (leaving) return;
        await userManager().signinRedirect({ state: { returnTo: returnTo ?? currentPath() } });
      },
      signup: (returnTo) =>
        userManager().signinRedirect({ state: { returnTo: returnTo ?? currentPath() }, prompt: 'create' }),
      logout: async () => {
        leaving = true;
        currentToken = null;
        try {
          await userManager().signoutRedirect();
        } catch (e) {
          leaving = false;
          throw e;
        }
      },
      forget: async () => {
        // Like a sign-out, the guards must not start a login while the browser leaves; the reload drops every
        // in-memory state of the old session (query cache, chat socket).
        leaving = true;
        currentToken = null;
        await userManager().removeUser();
        window.location.replace('/');
      },
    }),
    [state],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

function currentPath(): string {
  return window.location.pathname + window.location.search;
}
