import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';
import 'package:go_router/go_router.dart';

import '../l10n/app_localizations.dart';
import '../state/providers.dart';
import 'widgets/manner_temperature.dart';

/// 나의 땅근: profile, notification settings, log in / log out.
class MyScreen extends ConsumerWidget {
  const MyScreen({super.key});

  @override
  Widget build(BuildContext context, WidgetRef ref) {
    final l10n = context.l10n;
    final auth = ref.watch(authControllerProvider);
    final profile = ref.watch(myProfileProvider).valueOrNull;
    return Scaffold(
      appBar: AppBar(title: Text(l10n.text('tabMy'))),
      body: ListView(
        children: [
          if (!auth.isSignedIn)
            Padding(
              padding: const EdgeInsets.all(24),
              child: FilledButton(
                key: const ValueKey('my-login'),
                onPressed: () => context.push('/login'),
                child: Text('${l10n.text('login')} / ${l10n.text('signUp')}'),
              ),
            )
          else ...[
            ListTile(
              leading: const CircleAvatar(child: Icon(Icons.person)),
              title: Text(profile?.nickname ?? auth.session?.username ?? ''),
              subtitle: Text(
                profile?.region == null
                    ? l10n.text('noRegion')
                    : l10n.text('myRegion', {'region': profile!.region!}),
              ),
              trailing: profile == null ? null : MannerTemperature(celsius: profile.mannerTemperature),
            ),
            const Divider(),
            ListTile(
              leading: const Icon(Icons.notifications_outlined),
              title: Text(l10n.text('settingsTitle')),
              onTap: () => context.push('/settings/notifications'),
            ),
            ListTile(
              key: const ValueKey('logout'),
              leading: const Icon(Icons.logout),
              title: Text(l10n.text('logout')),
              enabled: !auth.busy,
              onTap: () => ref.read(authControllerProvider.notifier).signOut(),
            ),
            ListTile(
              key: const ValueKey('delete-account'),
              leading: const Icon(Icons.person_remove_outlined),
              title: Text(l10n.text('deleteAccount')),
              enabled: !auth.busy,
              onTap: () => _confirmDelete(context, ref),
            ),
          ],
          if (!ref.watch(pushAvailableProvider))
            ListTile(
              leading: const Icon(Icons.notifications_off_outlined),
              subtitle: Text(l10n.text('pushDisabled')),
            ),
        ],
      ),
    );
  }

  /// 탈퇴 after an explicit confirmation: DELETE /api/me, then this device forgets the session and goes home.
  Future<void> _confirmDelete(BuildContext context, WidgetRef ref) async {
    final l10n = context.l10n;
    final confirmed = await showDialog<bool>(
      context: context,
      builder: (dialogContext) => AlertDialog(
        title: Text(l10n.text('deleteAccount')),
        content: Text(l10n.text('deleteAccountExplain')),
        actions: [
          TextButton(
            key: const ValueKey('delete-account-cancel'),
            onPressed: () => Navigator.of(dialogContext).pop(false),
            child: Text(l10n.text('deleteAccountCancel')),
          ),
          FilledButton(
            key: const ValueKey('delete-account-confirm'),
            style: FilledButton.styleFrom(backgroundColor: Theme.of(dialogContext).colorScheme.error),
            onPressed: () => Navigator.of(dialogContext).pop(true),
            child: Text(l10n.text('deleteAccountConfirm')),
          ),
        ],
      ),
    );
    if (confirmed != true) {
      return;
    }
    await ref.read(marketApiProvider).deleteAccount();
    await ref.read(authControllerProvider.notifier).forget();
    if (context.mounted) {
      context.go('/');
    }
  }
}
