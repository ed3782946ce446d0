import 'package:flutter/services.dart';
import 'package:flutter_appauth/flutter_appauth.dart';

import '../config.dart';
import 'auth_session.dart';

/// Thrown when the user closed the browser or Keycloak refused; carries no secret.
class AuthFailure implements Exception {
  const AuthFailure(this.message, {this.cancelled = false});

  final String message;
  final bool cancelled;

  @override
  String toString() => 'AuthFailure: $message';
}

/// The OpenID Connect conversation with Keycloak.
abstract class Authenticator {
  /// Authorization Code + PKCE in the browser; [signUp] opens Keycloak's registration page.
  Future<AuthSession> signIn({bool signUp = false});

  Future<AuthSession> refresh(AuthSession session);

  /// Ends the Keycloak SSO session so the next login asks for credentials again.
  Future<void> signOut(AuthSession session);
}

/// [Authenticator] with flutter_appauth (AppAuth-Android): PKCE S256 is always on.
class AppAuthAuthenticator implements Authenticator {
  AppAuthAuthenticator(this._config, [FlutterAppAuth? appAuth])
      : _appAuth = appAuth ?? const FlutterAppAuth();

  static const _scopes = <String>['openid', 'profile', 'email'];

  final AppConfig _config;
  final FlutterAppAuth _appAuth;

  @override
  Future<AuthSession> signIn({bool signUp = false}) async {
    try {
      final response = await _appAuth.authorizeAndExchangeCode(
        AuthorizationTokenRequest(
          _config.clientId,
          _config.redirectUrl,
          issuer: _config.issuer,
          scopes: _scopes,
          // Keycloak shows its registration form for prompt=create.
          promptValues: signUp ? const <String>['create'] : null,
          allowInsecureConnections: _config.allowInsecureConnections,
        ),
      );
      return _session(
        accessToken: response.accessToken,
        refreshToken: response.refreshToken,
        idToken: response.idToken,
        expiresAt: response.accessTokenExpirationDateTime,
      );
    } on FlutterAppAuthUserCancelledException {
      throw const AuthFailure('cancelled', cancelled: true);
    } on PlatformException catch (e) {
      throw AuthFailure(e.message ?? e.code);
    }
  }

  @override
  Future<AuthSession> refresh(AuthSession session) async {
    final refreshToken = session.refreshToken;
    if (refreshToken == null) {
      throw const AuthFailure('no refresh token');
    }
    try {
      final response = await _appAuth.token(
        TokenRequest(
          _config.clientId,
          _config.redirectUrl,
          issuer: _config.issuer,
          refreshToken: refreshToken,
          scopes: _scopes,
          allowInsecureConnections: _config.allowInsecureConnections,
        ),
      );
      return _session(
        accessToken: response.accessToken,
        refreshToken: response.refreshToken ?? refreshToken,
        idToken: response.idToken ?? session.idToken,
        expiresAt: response.accessTokenExpirationDateTime,
      );
    } on PlatformException catch (e) {
      throw AuthFailure(e.message ?? e.code);
    }
  }

  @override
  Future<void> signOut(AuthSession session) async {
    final idToken = session.idToken;
    if (idToken == null) {
      // Without an id_token hint Keycloak would ask the user to confirm; the tokens are dropped anyway.
      return;
    }
    try {
      await _appAuth.endSession(
        EndSessionRequest(
          idTokenHint: idToken,
          postLogoutRedirectUrl: _config.redirectUrl,
          issuer: _config.issuer,
          allowInsecureConnections: _config.allowInsecureConnections,
        ),
      );
    } on PlatformException {
      // The local session is dropped anyway; a browser the user closed must not keep them signed in.
    }
  }

  AuthSession _session({
    required String? accessToken,
    required String? refreshToken,
    required String? idToken,
    required DateTime? expiresAt,
  }) {
    if (accessToken == null) {
      throw const AuthFailure('no access token in the token response');
    }
    return AuthSession(
      accessToken: accessToken,
      refreshToken: refreshToken,
      idToken: idToken,
      expiresAt: expiresAt ?? DateTime.now().add(const Duration(minutes: 5)),
    );
  }
}
