import 'package:ddangn_market/app.dart';
import 'package:ddangn_market/auth/auth_session.dart';
import 'package:ddangn_market/auth/token_store.dart';
import 'package:ddangn_market/location/location_source.dart';
import 'package:ddangn_market/router.dart';
import 'package:ddangn_market/state/providers.dart';
import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';
import 'package:flutter_test/flutter_test.dart';

import 'fake_auth.dart';
import 'fake_location.dart';
import 'fake_market_api.dart';

/// Pumps the whole app (router, localizations, theme) on a fake API, starting at [location].
Future<ProviderContainer> pumpApp(
  WidgetTester tester, {
  required FakeMarketApi api,
  String location = '/',
  AuthSession? session,
  FakeAuthenticator? authenticator,
  Locale locale = const Locale('ko'),
  LocationSource? position,
}) async {
  // A tall phone, so whole screens are built without scrolling the finders into view.
  tester.view.physicalSize = const Size(1200, 4200);
  tester.view.devicePixelRatio = 3;
  addTearDown(tester.view.reset);
  tester.platformDispatcher.localesTestValue = [locale];
  addTearDown(tester.platformDispatcher.clearLocalesTestValue);

  final container = ProviderContainer(
    overrides: [
      marketApiProvider.overrideWithValue(api),
      tokenStoreProvider.overrideWithValue(MemoryTokenStore(session)),
      authenticatorProvider.overrideWithValue(authenticator ?? FakeAuthenticator()),
      networkImagesProvider.overrideWithValue(false),
      pushAvailableProvider.overrideWithValue(true),
      initialLocationProvider.overrideWithValue(location),
      locationSourceProvider.overrideWithValue(position ?? FakeLocationSource()),
    ],
  );
  addTearDown(container.dispose);
  await tester.pumpWidget(UncontrolledProviderScope(container: container, child: const MarketApp()));
  await tester.pumpAndSettle();
  return container;
}
