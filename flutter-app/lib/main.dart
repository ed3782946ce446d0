import 'package:firebase_core/firebase_core.dart';
import 'package:firebase_messaging/firebase_messaging.dart';
import 'package:flutter/foundation.dart';
import 'package:flutter/material.dart';
import 'package:flutter/services.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';

import 'app.dart';
import 'push/background_handler.dart';
import 'push/push_service.dart';
import 'router.dart';
import 'state/inbox_controller.dart';
import 'state/providers.dart';

Future<void> main() async {
  WidgetsFlutterBinding.ensureInitialized();
  LicenseRegistry.addLicense(_regionDataLicense);
  final firebaseReady = await _initFirebase();
  if (firebaseReady) {
    FirebaseMessaging.onBackgroundMessage(firebaseMessagingBackgroundHandler);
  }
  final container = ProviderContainer(
    overrides: [
      pushAvailableProvider.overrideWithValue(firebaseReady),
      if (firebaseReady)
        sessionListenerProvider.overrideWith((ref) => _pushService(ref)),
    ],
  );
  runApp(UncontrolledProviderScope(container: container, child: const MarketApp()));
  if (firebaseReady) {
    // The service is also the session listener; started once the router is on screen, so a
    // notification that launched the app can open its screen.
    await (container.read(sessionListenerProvider) as PushService).start();
  }
}

/// The 행정동 list the server's 동네 come from is CC BY 4.0 / KOGL type 1: its attribution ships in the app's
/// open-source notices (showLicensePage), as in product/regions/SOURCE.md.
Stream<LicenseEntry> _regionDataLicense() async* {
  yield const LicenseEntryWithLineBreaks(<String>['행정동 데이터 (regions.csv)'], '''
본 데이터는 통계청 통계지리정보서비스(SGIS, https://sgis.kostat.go.kr)에서 공공누리 제1유형으로 개방한 행정동 경계를 가공한 것이며(가공: vuski/admdongkor, https://github.com/vuski/admdongkor), CC BY 4.0으로 배포됩니다.

This data is derived from administrative-dong boundaries released by Statistics Korea SGIS (https://sgis.kostat.go.kr) under KOGL Type 1, modified by vuski/admdongkor (https://github.com/vuski/admdongkor), distributed under CC BY 4.0.

regions.csv: centroids and 행정동 list derived from vuski/admdongkor; changes: filtered to 행정동 active at 2023-12-31, reprojected EPSG:5179→WGS84.''');
}

PushService _pushService(Ref<Object?> ref) {
  final push = PushService(
    api: () => ref.read(marketApiProvider),
    navigate: (location) => ref.read(routerProvider).push(location),
    onForegroundMessage: () => ref.read(inboxControllerProvider.notifier).refresh(),
  );
  ref.onDispose(push.dispose);
  return push;
}

/// Firebase comes from android/app/google-services.json; without it the app runs without push.
Future<bool> _initFirebase() async {
  try {
    await Firebase.initializeApp();
    return true;
  } on FirebaseException catch (e) {
    debugPrint('Firebase is not configured, push is off: ${e.message}');
    return false;
  } on PlatformException catch (e) {
    debugPrint('Firebase is not configured, push is off: ${e.message}');
    return false;
  }
}

