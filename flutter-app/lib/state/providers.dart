import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../api/dio_market_api.dart';
import '../api/market_api.dart';
import '../auth/authenticator.dart';
import '../auth/token_store.dart';
import '../config.dart';
import '../location/location_source.dart';
import '../models/models.dart';
import 'auth_controller.dart';

final configProvider = Provider<AppConfig>((ref) => AppConfig.fromEnvironment());

final tokenStoreProvider = Provider<TokenStore>((ref) => SecureTokenStore());

final authenticatorProvider =
    Provider<Authenticator>((ref) => AppAuthAuthenticator(ref.watch(configProvider)));

/// Replaced in main() by the push service, which registers the device token after login.
final sessionListenerProvider = Provider<SessionListener>((ref) => const NoSessionListener());

final authControllerProvider = StateNotifierProvider<AuthController, AuthState>((ref) {
  final controller = AuthController(
    authenticator: ref.watch(authenticatorProvider),
    store: ref.watch(tokenStoreProvider),
    listener: ref.watch(sessionListenerProvider),
  );
  controller.restore();
  return controller;
});

final isSignedInProvider =
    Provider<bool>((ref) => ref.watch(authControllerProvider.select((s) => s.isSignedIn)));

final marketApiProvider = Provider<MarketApi>((ref) {
  return DioMarketApi.create(
    ref.watch(configProvider),
    ref.watch(authControllerProvider.notifier),
  );
});

/// Off in widget tests: no HTTP client or image cache there.
final networkImagesProvider = Provider<bool>((ref) => true);

final categoriesProvider = FutureProvider<List<Category>>((ref) {
  return ref.watch(marketApiProvider).categories();
});

final productProvider = FutureProvider.autoDispose.family<Product, int>((ref, id) {
  return ref.watch(marketApiProvider).product(id);
});

final publicProfileProvider = FutureProvider.autoDispose.family<PublicProfile, String>((ref, id) {
  return ref.watch(marketApiProvider).user(id);
});

/// The signed-in user's profile; null when signed out.
final myProfileProvider = FutureProvider<MyProfile?>((ref) async {
  if (!ref.watch(isSignedInProvider)) {
    return null;
  }
  return ref.watch(marketApiProvider).me();
});

/// A 행정동 by its code, for showing a 동네 by its full name ("서울특별시 강남구 역삼1동").
final regionProvider = FutureProvider.autoDispose.family<Region, String>((ref, code) {
  return ref.watch(marketApiProvider).region(code);
});

/// The device's position for 동네 인증; replaced by a fake in widget tests.
final locationSourceProvider = Provider<LocationSource>((ref) => const GeolocatorLocationSource());

/// False when Firebase is not configured (no google-services.json): the app works without push.
final pushAvailableProvider = Provider<bool>((ref) => true);
