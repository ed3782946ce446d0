// Entry of silent-renew.html: hands Keycloak's answer from the hidden iframe back to the app.
// This is what oidc-client-ts' signinSilentCallback() does (IFrameWindow.notifyParent), without loading the library
// (~18 KB gzip) into the iframe: on a signed-in page load, compiling it there again was one of the longest tasks of
// the page (bench/lighthouse). silent.test.ts checks the message against the library's own.
export function notifyParent(win: Window = window): void {
  win.parent.postMessage({ source: 'oidc-client', url: win.location.href, keepOpen: false }, win.location.origin);
}

notifyParent();
