import { afterEach, describe, expect, it, vi } from 'vitest';
import { CALLBACK_PATH, hasSessionHint, saysNoSession, setSessionHint } from './sessionHint';
import { CALLBACK_PATH as REDIRECT_PATH } from './settings';

describe('the session hint', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    localStorage.clear();
  });

  it('is off in a browser that never signed in, on after a sign-in, off again after signing out', () => {
    expect(hasSessionHint()).toBe(false);
    setSessionHint(true);
    expect(hasSessionHint()).toBe(true);
    setSessionHint(false);
    expect(hasSessionHint()).toBe(false);
  });

  it('is dropped only when Keycloak says there is no session, not for a timeout or the network', () => {
    expect(saysNoSession({ error: 'login_required' })).toBe(true);
    expect(saysNoSession({ error: 'invalid_grant' })).toBe(true);
    expect(saysNoSession(new Error('IFrame timed out without a response'))).toBe(false);
    expect(saysNoSession(new TypeError('Failed to fetch'))).toBe(false);
    expect(saysNoSession(null)).toBe(false);
  });

  it('keeps nothing but a flag', () => {
    setSessionHint(true);
    expect(Object.entries(localStorage)).toEqual([['session', '1']]);
  });

  it('reads as signed in when storage is blocked, so the app asks Keycloak as before', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    expect(hasSessionHint()).toBe(true);
  });

  it('knows the same callback path as the OIDC settings', () => {
    expect(CALLBACK_PATH).toBe(REDIRECT_PATH);
  });
});
