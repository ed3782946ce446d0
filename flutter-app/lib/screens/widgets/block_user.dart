import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../../api/api_exception.dart';
import '../../l10n/app_localizations.dart';
import '../../state/providers.dart';

/// 차단하기 after a confirmation (`POST /api/me/blocks`): the two no longer see each other's listings and
/// comments, and cannot chat. True once blocked; a snackbar says so, or why not.
Future<bool> confirmAndBlock(
  BuildContext context,
  WidgetRef ref, {
  required String userId,
  required String nickname,
}) async {
  final messenger = ScaffoldMessenger.of(context);
  final l10n = context.l10n;
  final api = ref.read(marketApiProvider);
  final confirmed = await showDialog<bool>(
    context: context,
    builder: (dialogContext) => AlertDialog(
      title: Text(l10n.text('block')),
      content: Text(l10n.text('blockConfirm', {'name': nickname})),
      actions: [
        TextButton(
          key: const ValueKey('block-cancel'),
          onPressed: () => Navigator.of(dialogContext).pop(false),
          child: Text(l10n.text('cancel')),
        ),
        FilledButton(
          key: const ValueKey('block-confirm'),
          onPressed: () => Navigator.of(dialogContext).pop(true),
          child: Text(l10n.text('block')),
        ),
      ],
    ),
  );
  if (confirmed != true) {
    return false;
  }
  try {
    await api.block(userId);
  } on ApiException catch (e) {
    messenger.showSnackBar(SnackBar(content: Text(e.problem?.detail ?? e.problem?.title ?? e.message)));
    return false;
  }
  messenger.showSnackBar(SnackBar(
    key: const ValueKey('blocked-snackbar'),
    content: Text(l10n.text('blockDone', {'name': nickname})),
  ));
  return true;
}
