import 'dart:convert';

import 'package:ddangn_market/auth/auth_session.dart';
import 'package:ddangn_market/auth/authenticator.dart';
import 'package:ddangn_market/state/auth_controller.dart';

/// An unsigned JWT carrying [claims]; the app only reads claims for display.
String fakeJwt(Map<String, Object> claims) {
  String part(Object json) => base64Url.encode(utf8.encode(jsonEncode(json))).replaceAll('=', '');
  return '${part({'alg': 'none'})}.${part(claims)}.sig';
}

AuthSession fakeSession({
  String sub = '0b5e7c2d-91aa-4f0e-8d3c-5a6b7c8d9e0f',
  String username = 'bob',
  DateTime? expiresAt,
  String refreshToken = 'refresh-1',
}) {
  return AuthSession(
    accessToken: fakeJwt({'sub': sub, 'preferred_username': username}),
    refreshToken: refreshToken,
    idToken: 'id-token',
    expiresAt: expiresAt ?? DateTime.now().add(const Duration(minutes: 5)),
  );
}

class FakeAuthenticator implements Authenticator {
  FakeAuthenticator({this.failWith});

  AuthFailure? failWith;
  final List<String> calls = [];
  int refreshes = 0;
  bool refreshFails = false;

  @override
  Future<AuthSession> signIn({bool signUp = false}) async {
    calls.add(signUp ? 'signUp' : 'signIn');
    final failure = failWith;
    if (failure != null) {
      throw failure;
    }
    return fakeSession();
  }

  @override
  Future<AuthSession> refresh(AuthSession session) async {
    refreshes++;
    calls.add('refresh');
    if (refreshFails) {
      throw const AuthFailure('invalid_grant');
    }
    return fakeSession(refreshToken: 'refresh-${refreshes + 1}');
  }

  @override
  Future<void> signOut(AuthSession session) async => calls.add('signOut');
}

class RecordingSessionListener implements SessionListener {
  final List<String> events = [];

  @override
  Future<void> onSignedIn() async => events.add('signedIn');

  @override
  Future<void> onSigningOut() async => events.add('signingOut');
}
