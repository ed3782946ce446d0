import 'dart:async';

import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../api/auth_interceptor.dart';
import '../auth/auth_session.dart';
import '../auth/authenticator.dart';
import '../auth/token_store.dart';

/// Signed in or not; [restoring] until the stored session has been read at start-up.
class AuthState {
  const AuthState._({this.session, this.restoring = false, this.busy = false, this.error});

  const AuthState.restoring() : this._(restoring: true);

  const AuthState.signedOut({String? error}) : this._(error: error);

  const AuthState.signedIn(AuthSession session) : this._(session: session);

  final AuthSession? session;
  final bool restoring;
  final bool busy;
  final String? error;

  bool get isSignedIn => session != null;

  AuthState working() => AuthState._(session: session, restoring: restoring, busy: true);
}

/// Told about sign-in and sign-out, so the device token follows the user (see push/).
abstract class SessionListener {
  Future<void> onSignedIn();

  Future<void> onSigningOut();
}

class NoSessionListener implements SessionListener {
  const NoSessionListener();

  @override
  Future<void> onSignedIn() async {}

  @override
  Future<void> onSigningOut() async {}
}

/// Owns the session: login/sign-up, refresh (one at a time), logout; the API's token source.
class AuthController extends StateNotifier<AuthState> implements AccessTokenSource {
  AuthController({
    required Authenticator authenticator,
    required TokenStore store,
    SessionListener listener = const NoSessionListener(),
    DateTime Function()? clock,
  })  : _authenticator = authenticator,
        _store = store,
        _listener = listener,
        _clock = clock ?? DateTime.now,
        super(const AuthState.restoring());

  /// Refresh a little before expiry so a request does not leave with a token that dies in flight.
  static const refreshMargin = Duration(seconds: 30);

  final Authenticator _authenticator;
  final TokenStore _store;
  final DateTime Function() _clock;
  final SessionListener _listener;
  Future<AuthSession?>? _refreshing;

  Future<void> restore() async {
    final stored = await _store.read();
    if (!mounted) {
      return;
    }
    if (stored == null) {
      state = const AuthState.signedOut();
      return;
    }
    state = AuthState.signedIn(stored);
    unawaited(_listener.onSignedIn());
  }

  Future<bool> signIn({bool signUp = false}) async {
    state = state.working();
    try {
      final session = await _authenticator.signIn(signUp: signUp);
      await _store.write(session);
      state = AuthState.signedIn(session);
      unawaited(_listener.onSignedIn());
      return true;
    } on AuthFailure catch (e) {
      state = AuthState.signedOut(error: e.cancelled ? null : e.message);
      return false;
    }
  }

  /// After 탈퇴: the account no longer exists (its devices went with it), so this device only forgets the
  /// session; there is no Keycloak session left to end.
  Future<void> forget() async {
    await _store.clear();
    state = const AuthState.signedOut();
  }

  Future<void> signOut() async {
    final session = state.session;
    if (session == null) {
      return;
    }
    state = state.working();
    // The device must be unregistered while the token is still valid.
    await _listener.onSigningOut();
    await _store.clear();
    state = const AuthState.signedOut();
    await _authenticator.signOut(session);
  }

  @override
  Future<String?> accessToken() async {
    final session = state.session;
    if (session == null) {
      return null;
    }
    if (!session.expiresWithin(refreshMargin, _clock())) {
      return session.accessToken;
    }
    return (await _refresh(session))?.accessToken;
  }

  @override
  Future<String?> refreshAfterUnauthorized(String rejected) async {
    final session = state.session;
    if (session == null) {
      return null;
    }
    if (session.accessToken != rejected) {
      // Another request already refreshed.
      return session.accessToken;
    }
    return (await _refresh(session))?.accessToken;
  }

  Future<AuthSession?> _refresh(AuthSession session) {
    return _refreshing ??= _doRefresh(session).whenComplete(() => _refreshing = null);
  }

  Future<AuthSession?> _doRefresh(AuthSession session) async {
    try {
      final fresh = await _authenticator.refresh(session);
      await _store.write(fresh);
      if (mounted) {
        state = AuthState.signedIn(fresh);
      }
      return fresh;
    } on AuthFailure {
      // The refresh token expired or was revoked (logout elsewhere): the user must log in again.
      await _store.clear();
      if (mounted) {
        state = const AuthState.signedOut();
      }
      return null;
    }
  }
}
