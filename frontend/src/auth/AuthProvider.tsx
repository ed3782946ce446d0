import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { User, UserManager } from 'oidc-client-ts';
import { holdRequestsUntil, setTokenProvider, setUnauthorizedHandler } from '../api/client';
import { AuthContext, type AuthValue } from './AuthContext';
import { useCacheFollowsIdentity } from './cacheIdentity';
import { CALLBACK_PATH, hasSessionHint, saysNoSession, setSessionHint } from './sessionHint';
import { singleFlight } from './singleFlight';
import { sessionUserFromToken, type SessionUser } from './token';

// The OIDC library (~18 KB gzip) is not needed to draw the first screen: it loads on demand (a start with a session
// hint, a sign-in), not as a modulepreload of the main bundle.
let oidc: Promise<typeof import('./settings')> | null = null;
function loadOidc() {
  // a failed load (offline, a deploy mid-way) is not kept: the next sign-in tries again
  oidc ??= import('./settings').catch((e: unknown) => {
    oidc = null;
    throw e;
  });
  return oidc;
}

async function userManager(): Promise<UserManager> {
  return (await loadOidc()).userManager();
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

// Read once, before any page asks the API: a browser likely signed in (sessionHint.ts) holds API calls until the
// startup sign-in has answered; the others start signed out at once and ask Keycloak nothing.
const likelySignedIn = hasSessionHint() || window.location.pathname === CALLBACK_PATH;
let identityKnown = () => {};
if (likelySignedIn) holdRequestsUntil(new Promise<void>((resolve) => (identityKnown = resolve)));
// Signing out removes the user before the browser leaves; guards must not start a login meanwhile.
let leaving = false;

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ ready: false, user: null, token: null });
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    // keepHint: signed out for now, but not told so by Keycloak (saysNoSession)
    const apply = (u: User | null, keepHint = false) => {
      const s = fromOidc(u);
      currentToken = s.token;
      if (!keepHint) setSessionHint(!!s.user);
      setState({ ready: true, ...s });
      identityKnown();
    };
    let um: UserManager | undefined;
    // Every silent renewal goes through one flight: refresh tokens rotate, and a second refresh with the same
    // token (a 401 burst after sleep, racing the expiry timer) would end the session.
    const renew = singleFlight(async () => (await userManager()).signinSilent());
    let unsure = false;
    const renewOrSignOut = () => {
      renew().catch((e: unknown) => {
        unsure = !saysNoSession(e);
        um?.removeUser();
      });
    };
    setTokenProvider(() => currentToken);
    setUnauthorizedHandler(renewOrSignOut);

    (async () => {
      if (!likelySignedIn) {
        apply(null);
        return;
      }
      try {
        um = await userManager();
      } catch (e) {
        // the chunk did not load (offline, a deploy mid-way): the app works signed out
        console.warn('sign-in unavailable', e);
        apply(null);
        return;
      }
      um.events.addUserLoaded(apply);
      um.events.addUserUnloaded(() => {
        apply(null, unsure);
        unsure = false;
      });
      um.events.addAccessTokenExpiring(renewOrSignOut);
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
      } catch (e) {
        apply(null, !saysNoSession(e));
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
        // back from Keycloak, the callback must be handled before pages ask the API
        setSessionHint(true);
        await (await userManager()).signinRedirect({ state: { returnTo: returnTo ?? currentPath() } });
      },
      signup: async (returnTo) => {
        setSessionHint(true);
        await (await userManager()).signinRedirect({
          state: { returnTo: returnTo ?? currentPath() },
          prompt: 'create',
        });
      },
      logout: async () => {
        leaving = true;
        currentToken = null;
        setSessionHint(false);
        try {
          await (await userManager()).signoutRedirect();
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
        setSessionHint(false);
        await (await userManager()).removeUser();
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
