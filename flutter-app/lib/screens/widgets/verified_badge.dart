import 'package:flutter/material.dart';

import '../../l10n/app_localizations.dart';

/// The 동네 인증 badge: verified (with the date) or not.
class VerifiedBadge extends StatelessWidget {
  const VerifiedBadge({super.key, required this.at});

  /// When the 동네 was verified; null: not verified.
  final DateTime? at;

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    final at = this.at;
    final color = at != null ? const Color(0xFF2E9E6B) : Colors.grey.shade600;
    return Container(
      key: ValueKey(at != null ? 'region-verified' : 'region-unverified'),
      padding: const EdgeInsets.symmetric(horizontal: 6, vertical: 2),
      decoration: BoxDecoration(
        border: Border.all(color: color),
        borderRadius: BorderRadius.circular(4),
      ),
      child: Text(
        at != null
            ? '✓ ${l10n.text('regionVerified')} · ${l10n.date(at)}'
            : l10n.text('regionNotVerified'),
        style: TextStyle(color: color, fontSize: 12, fontWeight: FontWeight.bold),
      ),
    );
  }
}
