import 'package:ddangn_market/auth/token_store.dart';
import 'package:ddangn_market/state/auth_controller.dart';
import 'package:flutter_test/flutter_test.dart';

import '../support/fake_auth.dart';

void main() {
  late FakeAuthenticator authenticator;
  late MemoryTokenStore store;
  late RecordingSessionListener listener;

  AuthController controller({DateTime Function()? clock}) => AuthController(
        authenticator: authenticator,
        store: store,
        listener: listener,
        clock: clock,
      );

  setUp(() {
    authenticator = FakeAuthenticator();
    store = MemoryTokenStore();
    listener = RecordingSessionListener();
  });

  test('login stores the session and registers the device', () async {
    final auth = controller();
    await auth.restore();
    expect(auth.state.isSignedIn, isFalse);

    expect(await auth.signIn(), isTrue);
    await Future<void>.delayed(Duration.zero);

    expect(auth.state.isSignedIn, isTrue);
    expect(auth.state.session!.userId, '0b5e7c2d-91aa-4f0e-8d3c-5a6b7c8d9e0f');
    expect(auth.state.session!.username, 'bob');
    expect(await store.read(), isNotNull);
    expect(listener.events, ['signedIn']);
  });

  test('a stored session is restored at start and re-registers the device', () async {
    await store.write(fakeSession());
    final auth = controller();
    await auth.restore();
    await Future<void>.delayed(Duration.zero);

    expect(auth.state.isSignedIn, isTrue);
    expect(listener.events, ['signedIn']);
  });

  test('a token about to expire is refreshed once for concurrent callers', () async {
    await store.write(fakeSession(expiresAt: DateTime.now().add(const Duration(seconds: 5))));
    final auth = controller();
    await auth.restore();

    final tokens = await Future.wait([auth.accessToken(), auth.accessToken(), auth.accessToken()]);

    expect(authenticator.refreshes, 1);
    expect(tokens.toSet(), hasLength(1));
    expect((await store.read())!.refreshToken, 'refresh-2');
  });

  test('a valid token is used as is', () async {
    final session = fakeSession(expiresAt: DateTime.now().add(const Duration(minutes: 4)));
    await store.write(session);
    final auth = controller();
    await auth.restore();

    expect(await auth.accessToken(), session.accessToken);
    expect(authenticator.refreshes, 0);
  });

  test('a 401 refreshes; a failed refresh signs out and clears storage', () async {
    final session = fakeSession();
    await store.write(session);
    final auth = controller();
    await auth.restore();

    expect(await auth.refreshAfterUnauthorized(session.accessToken), isNotNull);
    expect(authenticator.refreshes, 1);

    authenticator.refreshFails = true;
    final current = auth.state.session!.accessToken;
    expect(await auth.refreshAfterUnauthorized(current), isNull);
    expect(auth.state.isSignedIn, isFalse);
    expect(await store.read(), isNull);
  });

  test('logout unregisters the device first, then clears tokens and ends the Keycloak session', () async {
    await store.write(fakeSession());
    final auth = controller();
    await auth.restore();

    await auth.signOut();

    expect(listener.events, ['signedIn', 'signingOut']);
    expect(auth.state.isSignedIn, isFalse);
    expect(await store.read(), isNull);
    expect(authenticator.calls, contains('signOut'));
    expect(await auth.accessToken(), isNull);
  });
}
