// Entry of silent-renew.html: hands Keycloak's answer from the hidden iframe back to the app.
import { UserManager } from 'oidc-client-ts';
import { oidcSettings } from './settings';

new UserManager(oidcSettings()).signinSilentCallback().catch(() => {
  /* the parent window times out and stays signed out */
});
