import 'package:ddangn_market/auth/authenticator.dart';
import 'package:ddangn_market/state/providers.dart';
import 'package:flutter/material.dart';
import 'package:flutter_test/flutter_test.dart';

import '../support/fake_auth.dart';
import '../support/fake_market_api.dart';
import '../support/test_app.dart';

void main() {
  testWidgets('log in from 나의 땅근, then the account shows and logout works', (tester) async {
    final auth = FakeAuthenticator();
    final container = await pumpApp(tester, api: FakeMarketApi(), location: '/my', authenticator: auth);

    await tester.tap(find.byKey(const ValueKey('my-login')));
    await tester.pumpAndSettle();
    await tester.tap(find.byKey(const ValueKey('login-button')));
    await tester.pumpAndSettle();

    expect(auth.calls, ['signIn']);
    expect(container.read(isSignedInProvider), isTrue);
    // Back on 나의 땅근 with the profile from GET /api/me.
    expect(find.text('역삼동고양이'), findsOneWidget);
    expect(find.text('내 동네: 역삼1동'), findsOneWidget);

    await tester.tap(find.byKey(const ValueKey('logout')));
    await tester.pumpAndSettle();

    expect(auth.calls, ['signIn', 'signOut']);
    expect(container.read(isSignedInProvider), isFalse);
    expect(find.byKey(const ValueKey('my-login')), findsOneWidget);
  });

  testWidgets('sign-up asks Keycloak for the registration page', (tester) async {
    final auth = FakeAuthenticator();
    await pumpApp(tester, api: FakeMarketApi(), location: '/login', authenticator: auth);

    await tester.tap(find.byKey(const ValueKey('signup-button')));
    await tester.pumpAndSettle();

    expect(auth.calls, ['signUp']);
  });

  testWidgets('a failed login says why and stays on the page', (tester) async {
    final auth = FakeAuthenticator(failWith: const AuthFailure('invalid_client'));
    await pumpApp(tester, api: FakeMarketApi(), location: '/login', authenticator: auth);

    await tester.tap(find.byKey(const ValueKey('login-button')));
    await tester.pumpAndSettle();

    expect(find.byKey(const ValueKey('login-error')), findsOneWidget);
    expect(find.textContaining('invalid_client'), findsOneWidget);
  });

  testWidgets('closing the browser is not an error', (tester) async {
    final auth = FakeAuthenticator(failWith: const AuthFailure('cancelled', cancelled: true));
    await pumpApp(tester, api: FakeMarketApi(), location: '/login', authenticator: auth);

    await tester.tap(find.byKey(const ValueKey('login-button')));
    await tester.pumpAndSettle();

    expect(find.byKey(const ValueKey('login-error')), findsNothing);
    expect(find.byKey(const ValueKey('login-button')), findsOneWidget);
  });
}
