import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../../api/api_exception.dart';
import '../../l10n/app_localizations.dart';
import '../../models/models.dart';
import '../../state/providers.dart';

/// 신고하기: the reason list and details (required for 기타), then `POST /api/reports`; a snackbar says it
/// was received. The caller makes sure the user is signed in.
Future<void> showReportDialog(
  BuildContext context, {
  required ReportTarget targetType,
  required String targetId,
}) async {
  final messenger = ScaffoldMessenger.of(context);
  final l10n = context.l10n;
  final sent = await showDialog<bool>(
    context: context,
    builder: (_) => ReportDialog(targetType: targetType, targetId: targetId),
  );
  if (sent == true) {
    messenger.showSnackBar(SnackBar(key: const ValueKey('report-sent'), content: Text(l10n.text('reportSent'))));
  }
}

class ReportDialog extends ConsumerStatefulWidget {
  const ReportDialog({super.key, required this.targetType, required this.targetId});

  final ReportTarget targetType;
  final String targetId;

  @override
  ConsumerState<ReportDialog> createState() => _ReportDialogState();
}

class _ReportDialogState extends ConsumerState<ReportDialog> {
  final _text = TextEditingController();
  ReportReason? _reason;
  bool _sending = false;
  String? _error;

  @override
  void dispose() {
    _text.dispose();
    super.dispose();
  }

  bool get _needsText => _reason == ReportReason.other;

  bool get _ready => _reason != null && (!_needsText || _text.text.trim().isNotEmpty);

  Future<void> _submit() async {
    final reason = _reason;
    if (reason == null || !_ready || _sending) {
      return;
    }
    setState(() {
      _sending = true;
      _error = null;
    });
    try {
      await ref.read(marketApiProvider).report(
            targetType: widget.targetType,
            targetId: widget.targetId,
            reason: reason,
            text: _text.text,
          );
      if (mounted) {
        Navigator.of(context).pop(true);
      }
    } on ApiException catch (e) {
      if (mounted) {
        setState(() {
          _sending = false;
          _error = e.problem?.detail ?? e.problem?.title ?? e.message;
        });
      }
    }
  }

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    final theme = Theme.of(context);
    return AlertDialog(
      title: Text('${l10n.text('report')} · ${l10n.text('reportTarget.${widget.targetType.wire}')}'),
      content: SizedBox(
        width: double.maxFinite,
        child: SingleChildScrollView(
          child: Column(
            mainAxisSize: MainAxisSize.min,
            crossAxisAlignment: CrossAxisAlignment.stretch,
            children: [
              Text(l10n.text('reportReason'), style: theme.textTheme.titleSmall),
              for (final reason in ReportReason.values)
                ListTile(
                  key: ValueKey('report-reason-${reason.wire}'),
                  dense: true,
                  contentPadding: EdgeInsets.zero,
                  leading: Icon(
                    _reason == reason ? Icons.radio_button_checked : Icons.radio_button_unchecked,
                    color: _reason == reason ? theme.colorScheme.primary : null,
                  ),
                  title: Text(l10n.text('reportReason.${reason.wire}')),
                  selected: _reason == reason,
                  onTap: _sending ? null : () => setState(() => _reason = reason),
                ),
              TextField(
                key: const ValueKey('report-text'),
                controller: _text,
                maxLength: 1000,
                maxLines: 3,
                minLines: 1,
                decoration: InputDecoration(
                  labelText: l10n.text(_needsText ? 'reportTextRequired' : 'reportText'),
                ),
                onChanged: (_) => setState(() {}),
              ),
              if (_error != null)
                Text(_error!, key: const ValueKey('report-error'), style: TextStyle(color: theme.colorScheme.error)),
            ],
          ),
        ),
      ),
      actions: [
        TextButton(
          onPressed: _sending ? null : () => Navigator.of(context).pop(false),
          child: Text(l10n.text('cancel')),
        ),
        FilledButton(
          key: const ValueKey('report-submit'),
          style: FilledButton.styleFrom(backgroundColor: theme.colorScheme.error),
          onPressed: _ready && !_sending ? _submit : null,
          child: Text(l10n.text('reportSubmit')),
        ),
      ],
    );
  }
}
