import { UserManager } from 'oidc-client-ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { oidcSettings } from './settings';
import { notifyParent } from './silent';

describe('silent-renew.html without the OIDC library', () => {
  afterEach(() => vi.restoreAllMocks());

  it("posts to the app the very message oidc-client-ts' own silent callback posts", async () => {
    window.history.replaceState(null, '', '/silent-renew.html?state=abc&session_state=s&code=xyz');
    const spy = vi.spyOn(window.parent, 'postMessage').mockImplementation(() => {});
    await new UserManager(oidcSettings()).signinSilentCallback();
    expect(spy).toHaveBeenCalledTimes(1);
    const library = spy.mock.calls[0];

    spy.mockClear();
    notifyParent();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]).toEqual(library);
    expect(library[0]).toMatchObject({ url: window.location.href });
  });

  it("hands Keycloak's refusal (no session) to the app unchanged, as the library does", async () => {
    window.history.replaceState(null, '', '/silent-renew.html?error=login_required&state=abc');
    const spy = vi.spyOn(window.parent, 'postMessage').mockImplementation(() => {});
    await new UserManager(oidcSettings()).signinSilentCallback();
    const library = spy.mock.calls[0];
    spy.mockClear();
    notifyParent();
    expect(spy.mock.calls[0]).toEqual(library);
    expect(library[0]).toMatchObject({ url: expect.stringContaining('error=login_required') });
  });
});
