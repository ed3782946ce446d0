import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../api/api_exception.dart';
import '../api/market_api.dart';
import '../models/models.dart';
import 'providers.dart';

enum SaveResult { saved, stale, failed }

/// Notification settings; each toggle is saved at once, with the version the server last sent.
class SettingsController extends StateNotifier<AsyncValue<NotificationSettings>> {
  SettingsController(this._api) : super(const AsyncValue.loading());

  final MarketApi _api;

  Future<void> load() async {
    state = const AsyncValue.loading();
    state = await AsyncValue.guard(_api.notificationSettings);
  }

  /// Saves [next]; on a stale version (edited on another device) reloads the server's settings.
  Future<SaveResult> save(NotificationSettings next) async {
    final previous = state.valueOrNull;
    state = AsyncValue.data(next);
    try {
      final saved = await _api.updateNotificationSettings(next);
      if (mounted) {
        state = AsyncValue.data(saved);
      }
      return SaveResult.saved;
    } on ApiException catch (e) {
      if (!mounted) {
        return SaveResult.failed;
      }
      if (e.isConflict) {
        await load();
        return SaveResult.stale;
      }
      if (previous != null) {
        state = AsyncValue.data(previous);
      }
      return SaveResult.failed;
    }
  }
}

final settingsControllerProvider =
    StateNotifierProvider.autoDispose<SettingsController, AsyncValue<NotificationSettings>>((ref) {
  final controller = SettingsController(ref.watch(marketApiProvider));
  controller.load();
  return controller;
});
