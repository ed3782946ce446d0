import 'package:flutter/material.dart';

import '../../l10n/app_localizations.dart';
import '../../models/product.dart';

/// 예약중 / 거래완료 label; nothing for listings on sale.
class StatusBadge extends StatelessWidget {
  const StatusBadge({super.key, required this.status});

  final ProductStatus status;

  @override
  Widget build(BuildContext context) {
    if (status == ProductStatus.onSale) {
      return const SizedBox.shrink();
    }
    final reserved = status == ProductStatus.reserved;
    return Container(
      key: ValueKey('status-${status.wire}'),
      padding: const EdgeInsets.symmetric(horizontal: 6, vertical: 2),
      decoration: BoxDecoration(
        color: reserved ? const Color(0xFF2E9E6B) : Colors.grey.shade600,
        borderRadius: BorderRadius.circular(4),
      ),
      child: Text(
        statusLabel(context, status),
        style: const TextStyle(color: Colors.white, fontSize: 12, fontWeight: FontWeight.bold),
      ),
    );
  }
}

String statusLabel(BuildContext context, ProductStatus status) {
  final l10n = context.l10n;
  switch (status) {
    case ProductStatus.onSale:
      return l10n.text('statusOnSale');
    case ProductStatus.reserved:
      return l10n.text('statusReserved');
    case ProductStatus.sold:
      return l10n.text('statusSold');
  }
}
