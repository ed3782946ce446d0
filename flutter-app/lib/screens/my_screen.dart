import 'dart:async';

import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';
import 'package:go_router/go_router.dart';

import '../api/api_exception.dart';
import '../api/market_api.dart';
import '../l10n/app_localizations.dart';
import '../location/location_source.dart';
import '../models/models.dart';
import '../state/feed_controller.dart';
import '../state/providers.dart';
import 'widgets/manner_temperature.dart';
import 'widgets/region_picker.dart';
import 'widgets/verified_badge.dart';

/// 나의 땅근: profile, 내 동네 (choose it, 동네 인증, how far the feed reaches), settings, log in / log out.
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
            if (profile != null) _Neighbourhood(profile: profile),
            if (profile != null) const Divider(),
            ListTile(
              key: const ValueKey('settings'),
              leading: const Icon(Icons.settings_outlined),
              title: Text(l10n.text('settings')),
              subtitle: Text(l10n.text('settingsHint')),
              onTap: () => context.push('/settings/notifications'),
            ),
            ListTile(
              key: const ValueKey('logout'),
              leading: const Icon(Icons.logout),
              title: Text(l10n.text('logout')),
              enabled: !auth.busy,
              onTap: () => ref.read(authControllerProvider.notifier).signOut(),
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
}

/// 내 동네: its full name (GET /api/regions/{code}) with the 동네 인증 badge; 동네 변경 (search a 동, then
/// PUT /api/me {regionCode}), 동네 인증 with the device's position, and the feed's range (PUT /api/me {range}).
class _Neighbourhood extends ConsumerStatefulWidget {
  const _Neighbourhood({required this.profile});

  final MyProfile profile;

  @override
  ConsumerState<_Neighbourhood> createState() => _NeighbourhoodState();
}

class _NeighbourhoodState extends ConsumerState<_Neighbourhood> {
  /// The profile a save or verification answered, until the reloaded one catches up: its version is the
  /// one the next PUT must send.
  MyProfile? _latest;
  late bool _changing = widget.profile.regionCode == null;
  bool _saving = false;
  bool _locating = false;

  MyProfile get _me {
    final latest = _latest;
    return latest != null && latest.version >= widget.profile.version ? latest : widget.profile;
  }

  void _updated(MyProfile profile) {
    _latest = profile;
    ref.invalidate(myProfileProvider);
    // The feed's default place is the saved 동네 and range.
    unawaited(ref.read(feedControllerProvider.notifier).resetPlace());
  }

  Future<void> _save(ProfileUpdate update, {bool closePicker = false}) async {
    if (_saving) {
      return;
    }
    final messenger = ScaffoldMessenger.of(context);
    setState(() => _saving = true);
    try {
      final saved = await ref.read(marketApiProvider).updateMe(update);
      if (!mounted) {
        return;
      }
      _updated(saved);
      if (closePicker) {
        setState(() => _changing = false);
      }
    } on ApiException catch (e) {
      messenger.showSnackBar(SnackBar(content: Text(e.problem?.detail ?? e.problem?.title ?? e.message)));
    } finally {
      if (mounted) {
        setState(() => _saving = false);
      }
    }
  }

  Future<void> _verify() async {
    final code = _me.regionCode;
    if (code == null || _locating) {
      return;
    }
    final messenger = ScaffoldMessenger.of(context);
    final l10n = context.l10n;
    setState(() => _locating = true);
    try {
      final position = await ref.read(locationSourceProvider).current();
      final verified = await ref
          .read(marketApiProvider)
          .verifyRegion(lat: position.lat, lng: position.lng, regionCode: code);
      if (!mounted) {
        return;
      }
      _updated(verified);
      messenger.showSnackBar(SnackBar(
        key: const ValueKey('region-verified-now'),
        content: Text(l10n.text('regionVerifiedNow', {'region': verified.region ?? ''})),
      ));
    } on LocationFailure catch (e) {
      messenger.showSnackBar(SnackBar(
        key: const ValueKey('location-failure'),
        content: Text(l10n.text(switch (e.problem) {
          LocationProblem.denied => 'locationDenied',
          LocationProblem.disabled => 'locationDisabled',
          LocationProblem.failed => 'locationFailed',
        })),
      ));
    } on ApiException catch (e) {
      // 422: too far from the 동's point.
      messenger.showSnackBar(SnackBar(content: Text(e.problem?.detail ?? e.problem?.title ?? e.message)));
    } finally {
      if (mounted) {
        setState(() => _locating = false);
      }
    }
  }

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    final theme = Theme.of(context);
    final me = _me;
    final code = me.regionCode;
    final region = code == null ? null : ref.watch(regionProvider(code)).valueOrNull;
    return Column(
      crossAxisAlignment: CrossAxisAlignment.stretch,
      children: [
        Padding(
          padding: const EdgeInsets.fromLTRB(16, 8, 16, 0),
          child: Text(l10n.text('regionTitle'), style: theme.textTheme.titleSmall),
        ),
        ListTile(
          key: const ValueKey('my-region'),
          leading: const Icon(Icons.location_on_outlined),
          title: Text(region?.fullName ?? me.region ?? l10n.text('noRegion')),
          subtitle: code == null
              ? Text(l10n.text('regionSetHint'))
              : Align(alignment: Alignment.centerLeft, child: VerifiedBadge(at: me.regionVerifiedAt)),
          trailing: TextButton(
            key: const ValueKey('region-change'),
            onPressed: _saving ? null : () => setState(() => _changing = !_changing),
            child: Text(l10n.text(code == null ? 'regionSet' : 'regionChange')),
          ),
        ),
        if (_changing)
          RegionPicker(
            busy: _saving,
            onPick: (picked) => _save(
              ProfileUpdate(nickname: me.nickname, regionCode: picked.code, version: me.version),
              closePicker: true,
            ),
          ),
        if (code != null && me.regionVerifiedAt == null)
          Padding(
            padding: const EdgeInsets.symmetric(horizontal: 16, vertical: 8),
            child: Column(
              crossAxisAlignment: CrossAxisAlignment.start,
              children: [
                Text(l10n.text('regionVerifyWhy'), style: theme.textTheme.bodySmall),
                const SizedBox(height: 8),
                FilledButton.icon(
                  key: const ValueKey('region-verify'),
                  onPressed: _locating ? null : _verify,
                  icon: const Icon(Icons.my_location),
                  label: Text(l10n.text(_locating ? 'regionLocating' : 'regionVerify')),
                ),
              ],
            ),
          ),
        if (code != null)
          Padding(
            padding: const EdgeInsets.symmetric(horizontal: 16, vertical: 8),
            child: Column(
              crossAxisAlignment: CrossAxisAlignment.start,
              children: [
                Text(l10n.text('regionRange'), style: theme.textTheme.titleSmall),
                const SizedBox(height: 4),
                Wrap(
                  spacing: 8,
                  children: [
                    for (var step = 0; step <= 3; step++)
                      ChoiceChip(
                        key: ValueKey('my-range-$step'),
                        label: Text(l10n.text('range.$step')),
                        selected: me.range == step,
                        onSelected: _saving
                            ? null
                            : (_) => _save(ProfileUpdate(nickname: me.nickname, range: step, version: me.version)),
                      ),
                  ],
                ),
              ],
            ),
          ),
      ],
    );
  }
}
