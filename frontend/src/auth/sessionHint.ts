/**
 * Whether this browser signed in to the app and has not signed out since: a hint kept in localStorage, never a
 * token or anything about the user. Without it the app does not ask Keycloak at start (no hidden iframe, no OIDC
 * library) — a first visit draws the feed with nothing but the main bundle. With it the app asks, and API calls
 * wait for the answer, so a signed-in user's pages are fetched once, with the token, not first anonymously.
 * Blocked storage reads as "signed in": the app then asks Keycloak, as it always did.
 */
const KEY = 'session';

/**
 * Where Keycloak sends the browser back after a sign-in (settings.ts's redirect_uri; repeated here because the
 * main bundle must not import settings.ts, which would pull the OIDC library into it — a test keeps them equal).
 */
export const CALLBACK_PATH = '/login/callback';

export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return true;
  }
}

export function setSessionHint(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    /* storage blocked: every start asks Keycloak */
  }
}

// Keycloak's own answers that there is no session to resume (OIDC error codes); anything else — a timeout, the
// network, Keycloak restarting — says nothing about the session, so the hint stays for the next start.
const NO_SESSION = new Set(['login_required', 'interaction_required', 'consent_required', 'invalid_grant']);

/** Whether a failed silent sign-in means the browser has no session (then the hint goes). */
export function saysNoSession(e: unknown): boolean {
  const code = (e as { error?: unknown } | null)?.error;
  return typeof code === 'string' && NO_SESSION.has(code);
}
