import 'package:flutter/material.dart';

import '../../l10n/app_localizations.dart';
import '../../models/product.dart';
import 'market_image.dart';
import 'status_badge.dart';

/// A feed row: thumbnail, title, 동네 · time, status and price, counts.
class ProductTile extends StatelessWidget {
  const ProductTile({super.key, required this.item, required this.onTap});

  final ProductListItem item;
  final VoidCallback onTap;

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    final theme = Theme.of(context);
    return InkWell(
      key: ValueKey('product-${item.id}'),
      onTap: onTap,
      child: Padding(
        padding: const EdgeInsets.symmetric(horizontal: 16, vertical: 12),
        child: Row(
          crossAxisAlignment: CrossAxisAlignment.start,
          children: [
            ClipRRect(
              borderRadius: BorderRadius.circular(8),
              child: SizedBox.square(dimension: 96, child: MarketImage(url: item.thumbnailUrl)),
            ),
            const SizedBox(width: 12),
            Expanded(
              child: Column(
                crossAxisAlignment: CrossAxisAlignment.start,
                children: [
                  Text(item.title, maxLines: 2, overflow: TextOverflow.ellipsis, style: theme.textTheme.titleMedium),
                  const SizedBox(height: 4),
                  Text(
                    '${item.region} · ${l10n.timeAgo(item.bumpedAt)}',
                    style: theme.textTheme.bodySmall?.copyWith(color: theme.colorScheme.outline),
                  ),
                  const SizedBox(height: 4),
                  Row(
                    children: [
                      StatusBadge(status: item.status),
                      if (item.status != ProductStatus.onSale) const SizedBox(width: 6),
                      Text(
                        l10n.price(item.price),
                        style: theme.textTheme.titleSmall?.copyWith(fontWeight: FontWeight.bold),
                      ),
                    ],
                  ),
                  const SizedBox(height: 4),
                  Align(
                    alignment: Alignment.centerRight,
                    child: _Counts(item: item),
                  ),
                ],
              ),
            ),
          ],
        ),
      ),
    );
  }
}

class _Counts extends StatelessWidget {
  const _Counts({required this.item});

  final ProductListItem item;

  @override
  Widget build(BuildContext context) {
    final style = Theme.of(context).textTheme.bodySmall;
    final entries = <(IconData, int)>[
      (Icons.chat_bubble_outline, item.chatCount),
      (Icons.mode_comment_outlined, item.commentCount),
      (item.liked ? Icons.favorite : Icons.favorite_border, item.likeCount),
    ];
    return Row(
      mainAxisSize: MainAxisSize.min,
      children: [
        for (final (icon, count) in entries)
          if (count > 0) ...[
            const SizedBox(width: 8),
            Icon(icon, size: 14),
            const SizedBox(width: 2),
            Text('$count', style: style),
          ],
      ],
    );
  }
}
