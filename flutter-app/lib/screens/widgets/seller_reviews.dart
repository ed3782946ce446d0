import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../../l10n/app_localizations.dart';
import '../../models/models.dart';
import '../../state/paged_list_controller.dart';
import '../../state/providers.dart';
import 'verified_badge.dart';

/// Under the seller on a listing (the app has no profile screen; the seller row above shows the 매너온도):
/// how many reviews they received and, unfolded, their 동네 인증 badge, the review chips they received and
/// the reviews themselves (`GET /api/users/{id}/reviews`, newest first, more on demand).
class SellerReviews extends ConsumerWidget {
  const SellerReviews({super.key, required this.sellerId});

  final String sellerId;

  @override
  Widget build(BuildContext context, WidgetRef ref) {
    final l10n = context.l10n;
    final profile = ref.watch(publicProfileProvider(sellerId)).valueOrNull;
    return ExpansionTile(
      key: const ValueKey('seller-reviews'),
      tilePadding: EdgeInsets.zero,
      childrenPadding: EdgeInsets.zero,
      expandedCrossAxisAlignment: CrossAxisAlignment.start,
      title: Text(
        profile == null ? l10n.text('reviewsTitle') : l10n.text('reviewsCount', {'n': profile.reviewCount}),
      ),
      subtitle: profile == null
          ? null
          : Text(l10n.text('sellerCounts', {'onSale': profile.onSaleCount, 'sold': profile.soldCount})),
      children: [
        if (profile != null)
          Padding(
            padding: const EdgeInsets.only(bottom: 8),
            child: Column(
              crossAxisAlignment: CrossAxisAlignment.start,
              children: [
                if (profile.region != null) ...[
                  Row(
                    children: [
                      Text(profile.region!),
                      const SizedBox(width: 8),
                      VerifiedBadge(at: profile.regionVerifiedAt),
                    ],
                  ),
                ],
                if (profile.chips.isNotEmpty) ...[
                  const SizedBox(height: 8),
                  Text(l10n.text('mannerChips'), style: Theme.of(context).textTheme.labelMedium),
                  const SizedBox(height: 4),
                  Wrap(
                    spacing: 6,
                    runSpacing: 6,
                    children: [
                      for (final chip in profile.chips)
                        Chip(
                          key: ValueKey('manner-chip-${chip.code}'),
                          visualDensity: VisualDensity.compact,
                          label: Text('${_chipLabel(l10n, chip.code, chip.label)} ${chip.count}'),
                        ),
                    ],
                  ),
                ],
              ],
            ),
          ),
        _ReviewList(userId: sellerId),
      ],
    );
  }
}

/// The chip's label in the app's language; the server's (Korean) label for a code this app does not know.
String _chipLabel(AppLocalizations l10n, String code, [String? fallback]) {
  final key = 'reviewChip.$code';
  final label = l10n.text(key);
  return label == key ? fallback ?? code : label;
}

class _ReviewList extends ConsumerWidget {
  const _ReviewList({required this.userId});

  final String userId;

  @override
  Widget build(BuildContext context, WidgetRef ref) {
    final l10n = context.l10n;
    final theme = Theme.of(context);
    final reviews = ref.watch(userReviewsProvider(userId));
    return Column(
      crossAxisAlignment: CrossAxisAlignment.stretch,
      children: [
        if (reviews.isEmpty)
          Padding(
            padding: const EdgeInsets.symmetric(vertical: 8),
            child: Text(l10n.text('reviewsEmpty'), key: const ValueKey('reviews-empty')),
          ),
        for (final review in reviews.items)
          Padding(
            key: ValueKey('review-${review.id}'),
            padding: const EdgeInsets.symmetric(vertical: 8),
            child: Column(
              crossAxisAlignment: CrossAxisAlignment.start,
              children: [
                Text(
                  '${review.reviewer.nickname} · ${l10n.text('reviewRole.${review.reviewerRole}')} · '
                  '${l10n.date(review.createdAt)}',
                  style: theme.textTheme.bodySmall?.copyWith(color: theme.colorScheme.outline),
                ),
                const SizedBox(height: 2),
                Text(
                  [
                    l10n.text('reviewRating.${review.rating.wire}'),
                    ...review.chips.map((code) => _chipLabel(l10n, code)),
                  ].join(' · '),
                  style: theme.textTheme.bodyMedium?.copyWith(fontWeight: FontWeight.bold),
                ),
                if (review.comment != null) Text(review.comment!),
                Text(review.product.title, style: theme.textTheme.bodySmall),
              ],
            ),
          ),
        if (reviews.loading) const Center(child: CircularProgressIndicator()),
        if (reviews.error != null && !reviews.loading)
          TextButton(
            onPressed: () => ref.read(userReviewsProvider(userId).notifier).loadMore(),
            child: Text(l10n.text('retry')),
          ),
        if (!reviews.loading && reviews.loadedOnce && reviews.nextCursor != null)
          TextButton(
            key: const ValueKey('more-reviews'),
            onPressed: () => ref.read(userReviewsProvider(userId).notifier).loadMore(),
            child: Text(l10n.text('moreReviews')),
          ),
      ],
    );
  }
}
