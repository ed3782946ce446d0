import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';
import 'package:go_router/go_router.dart';

import '../api/api_exception.dart';
import '../l10n/app_localizations.dart';
import '../models/models.dart';
import '../state/paged_list_controller.dart';
import '../state/providers.dart';
import '../state/settings_controller.dart';

/// 설정: which pushes the user receives, including the 광고성 정보 consent (정보통신망법 §50): off by
/// default, night-time ads only with a second consent, and the date of each change is shown; the users
/// they blocked (차단 해제); 탈퇴하기.
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
        appBar: AppBar(title: Text(l10n.text('settings'))),
        body: Center(
          child: TextButton(onPressed: () => context.push('/login'), child: Text(l10n.text('login'))),
        ),
      );
    }
    final settings = ref.watch(settingsControllerProvider);
    return Scaffold(
      appBar: AppBar(title: Text(l10n.text('settings'))),
      body: ListView(
        children: [
          _SectionTitle(l10n.text('settingsTitle')),
          ...settings.when<List<Widget>>(
            loading: () => const <Widget>[
              Padding(padding: EdgeInsets.all(16), child: Center(child: CircularProgressIndicator())),
            ],
            error: (_, __) => <Widget>[
              Center(
                child: TextButton(
                  onPressed: () => ref.read(settingsControllerProvider.notifier).load(),
                  child: Text(l10n.text('retry')),
                ),
              ),
            ],
            data: (s) => _notificationSwitches(context, ref, s),
          ),
          const Divider(),
          _SectionTitle(l10n.text('blocksTitle')),
          const _BlockedUsers(),
          const Divider(),
          ListTile(
            key: const ValueKey('delete-account'),
            leading: Icon(Icons.person_remove_outlined, color: Theme.of(context).colorScheme.error),
            title: Text(l10n.text('deleteAccount')),
            onTap: () => _deleteAccount(context, ref),
          ),
        ],
      ),
    );
  }

  List<Widget> _notificationSwitches(BuildContext context, WidgetRef ref, NotificationSettings s) {
    final l10n = context.l10n;
    return [
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
    ];
  }

  /// 탈퇴 after typing 탈퇴 to confirm: DELETE /api/me, then this device forgets the session (the account and
  /// its Keycloak user are gone, so there is no session to end) and goes home.
  Future<void> _deleteAccount(BuildContext context, WidgetRef ref) async {
    final messenger = ScaffoldMessenger.of(context);
    final api = ref.read(marketApiProvider);
    final auth = ref.read(authControllerProvider.notifier);
    final confirmed = await showDialog<bool>(context: context, builder: (_) => const _DeleteAccountDialog());
    if (confirmed != true) {
      return;
    }
    try {
      await api.deleteAccount();
    } on ApiException catch (e) {
      messenger.showSnackBar(SnackBar(content: Text(e.problem?.detail ?? e.problem?.title ?? e.message)));
      return;
    }
    await auth.forget();
    if (context.mounted) {
      context.go('/');
    }
  }
}

class _SectionTitle extends StatelessWidget {
  const _SectionTitle(this.text);

  final String text;

  @override
  Widget build(BuildContext context) {
    return Padding(
      padding: const EdgeInsets.fromLTRB(16, 16, 16, 4),
      child: Text(text, style: Theme.of(context).textTheme.titleSmall),
    );
  }
}

/// 차단한 사용자 (GET /api/me/blocks), each with 차단 해제 (DELETE /api/me/blocks/{userId}).
class _BlockedUsers extends ConsumerWidget {
  const _BlockedUsers();

  Future<void> _unblock(BuildContext context, WidgetRef ref, BlockedUser user) async {
    final messenger = ScaffoldMessenger.of(context);
    final l10n = context.l10n;
    final blocks = ref.read(blockedUsersProvider.notifier);
    try {
      await ref.read(marketApiProvider).unblock(user.userId);
      blocks.removeWhere((b) => b.userId == user.userId);
      messenger.showSnackBar(SnackBar(content: Text(l10n.text('unblockDone', {'name': user.nickname}))));
    } on ApiException catch (e) {
      messenger.showSnackBar(SnackBar(content: Text(e.problem?.detail ?? e.problem?.title ?? e.message)));
    }
  }

  @override
  Widget build(BuildContext context, WidgetRef ref) {
    final l10n = context.l10n;
    final blocks = ref.watch(blockedUsersProvider);
    return Column(
      crossAxisAlignment: CrossAxisAlignment.stretch,
      children: [
        if (blocks.isEmpty)
          Padding(
            padding: const EdgeInsets.symmetric(horizontal: 16, vertical: 8),
            child: Text(l10n.text('blocksEmpty'), key: const ValueKey('blocks-empty')),
          ),
        for (final user in blocks.items)
          ListTile(
            key: ValueKey('blocked-${user.userId}'),
            leading: const Icon(Icons.block),
            title: Text(user.nickname),
            subtitle: Text(l10n.date(user.createdAt)),
            trailing: OutlinedButton(
              key: ValueKey('unblock-${user.userId}'),
              onPressed: () => _unblock(context, ref, user),
              child: Text(l10n.text('unblock')),
            ),
          ),
        if (blocks.loading) const Center(child: CircularProgressIndicator()),
        if (blocks.error != null && !blocks.loading)
          TextButton(
            onPressed: () => ref.read(blockedUsersProvider.notifier).loadMore(),
            child: Text(l10n.text('retry')),
          ),
        if (!blocks.loading && blocks.loadedOnce && blocks.nextCursor != null)
          TextButton(
            key: const ValueKey('more-blocks'),
            onPressed: () => ref.read(blockedUsersProvider.notifier).loadMore(),
            child: Text(l10n.text('more')),
          ),
      ],
    );
  }
}

/// Asks first: what goes, and the word 탈퇴 typed to enable the button (as the web app does).
class _DeleteAccountDialog extends StatefulWidget {
  const _DeleteAccountDialog();

  @override
  State<_DeleteAccountDialog> createState() => _DeleteAccountDialogState();
}

class _DeleteAccountDialogState extends State<_DeleteAccountDialog> {
  final _typed = TextEditingController();

  @override
  void dispose() {
    _typed.dispose();
    super.dispose();
  }

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    final confirmed = _typed.text.trim() == l10n.text('deleteAccountWord');
    return AlertDialog(
      title: Text(l10n.text('deleteAccount')),
      content: SingleChildScrollView(
        child: Column(
          mainAxisSize: MainAxisSize.min,
          crossAxisAlignment: CrossAxisAlignment.start,
          children: [
            Text(l10n.text('deleteAccountExplain')),
            const SizedBox(height: 16),
            TextField(
              key: const ValueKey('delete-account-word'),
              controller: _typed,
              autocorrect: false,
              decoration: InputDecoration(labelText: l10n.text('deleteAccountTypeLabel')),
              onChanged: (_) => setState(() {}),
            ),
          ],
        ),
      ),
      actions: [
        TextButton(
          key: const ValueKey('delete-account-cancel'),
          onPressed: () => Navigator.of(context).pop(false),
          child: Text(l10n.text('deleteAccountCancel')),
        ),
        FilledButton(
          key: const ValueKey('delete-account-confirm'),
          style: FilledButton.styleFrom(backgroundColor: Theme.of(context).colorScheme.error),
          onPressed: confirmed ? () => Navigator.of(context).pop(true) : null,
          child: Text(l10n.text('deleteAccountConfirm')),
        ),
      ],
    );
  }
}
