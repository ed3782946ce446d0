import { InMemoryWebStorage, UserManager, WebStorageStateStore, type UserManagerSettings } from 'oidc-client-ts';

export const CALLBACK_PATH = '/login/callback';
// Not under /auth: the gateway routes /auth to Keycloak.
export const SILENT_PATH = '/silent-renew.html';

export function oidcSettings(origin: string = window.location.origin): UserManagerSettings {
  return {
    authority: `${origin}/auth/realms/market`,
    client_id: 'market-web',
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    silent_redirect_uri: `${origin}${SILENT_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: 'openid profile email',
    // Tokens live in memory only. The transient PKCE state (verifier, return path — no token) must
    // survive the redirect to Keycloak, so it goes to sessionStorage and is removed on return.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // Renewal is started by AuthProvider (token expiring, or a 401) through one single flight.
    automaticSilentRenew: false,
    silentRequestTimeoutInSeconds: 6,
    monitorSession: false,
    loadUserInfo: false,
  };
}

/** The one UserManager of the app (the OIDC library is loaded on demand, with this module). */
let manager: UserManager | null = null;
export function userManager(): UserManager {
  manager ??= new UserManager(oidcSettings());
  return manager;
}
