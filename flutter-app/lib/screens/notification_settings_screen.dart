import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';
import 'package:go_router/go_router.dart';

import '../l10n/app_localizations.dart';
import '../models/models.dart';
import '../state/providers.dart';
import '../state/settings_controller.dart';

/// Which pushes the user receives, including the 광고성 정보 consent (정보통신망법 §50): off by
/// default, night-time ads only with a second consent, and the date of each change is shown.
class NotificationSettingsScreen extends ConsumerWidget {
  const NotificationSettingsScreen({super.key});

  Future<void> _save(
    BuildContext context,
    WidgetRef ref,
    NotificationSettings current,
    NotificationSettings next,
  ) async {
    final messenger = ScaffoldMessenger.of(context);
    final l10n = context.l10n;
    final result = await ref.read(settingsControllerProvider.notifier).save(next);
    if (result != SaveResult.saved) {
      final message = result == SaveResult.stale ? 'settingsStale' : 'settingsSaveFailed';
      messenger.showSnackBar(SnackBar(content: Text(l10n.text(message))));
      return;
    }
    if (current.marketing != next.marketing) {
      final date = l10n.date(DateTime.now());
      messenger.showSnackBar(SnackBar(
        key: const ValueKey('consent-snackbar'),
        content: Text(l10n.text(next.marketing ? 'consentGiven' : 'consentWithdrawn', {'date': date})),
      ));
    }
  }

  @override
  Widget build(BuildContext context, WidgetRef ref) {
    final l10n = context.l10n;
    if (!ref.watch(isSignedInProvider)) {
      return Scaffold(
        appBar: AppBar(title: Text(l10n.text('settingsTitle'))),
        body: Center(
          child: TextButton(onPressed: () => context.push('/login'), child: Text(l10n.text('login'))),
        ),
      );
    }
    final settings = ref.watch(settingsControllerProvider);
    return Scaffold(
      appBar: AppBar(title: Text(l10n.text('settingsTitle'))),
      body: settings.when(
        loading: () => const Center(child: CircularProgressIndicator()),
        error: (_, __) => Center(
          child: TextButton(
            onPressed: () => ref.read(settingsControllerProvider.notifier).load(),
            child: Text(l10n.text('retry')),
          ),
        ),
        data: (s) => ListView(
          children: [
            SwitchListTile(
              key: const ValueKey('setting-chat'),
              title: Text(l10n.text('settingChat')),
              subtitle: Text(l10n.text('settingChatHint')),
              value: s.chat,
              onChanged: (v) => _save(context, ref, s, s.copyWith(chat: v)),
            ),
            SwitchListTile(
              key: const ValueKey('setting-activity'),
              title: Text(l10n.text('settingActivity')),
              subtitle: Text(l10n.text('settingActivityHint')),
              value: s.activity,
              onChanged: (v) => _save(context, ref, s, s.copyWith(activity: v)),
            ),
            SwitchListTile(
              key: const ValueKey('setting-keywords'),
              title: Text(l10n.text('settingKeywords')),
              subtitle: Text(l10n.text('settingKeywordsHint')),
              value: s.keywords,
              onChanged: (v) => _save(context, ref, s, s.copyWith(keywords: v)),
            ),
            const Divider(),
            SwitchListTile(
              key: const ValueKey('setting-marketing'),
              title: Text(l10n.text('settingMarketing')),
              subtitle: Text(l10n.text('settingMarketingHint')),
              value: s.marketing,
              onChanged: (v) => _save(context, ref, s, s.copyWith(marketing: v)),
            ),
            SwitchListTile(
              key: const ValueKey('setting-marketing-night'),
              title: Text(l10n.text('settingMarketingNight')),
              subtitle: Text(l10n.text('settingMarketingNightHint')),
              value: s.marketingNight,
              onChanged: s.marketing ? (v) => _save(context, ref, s, s.copyWith(marketingNight: v)) : null,
            ),
          ],
        ),
      ),
    );
  }
}
