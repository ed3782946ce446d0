import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../models/models.dart';
import 'paged_state.dart';
import 'providers.dart';

/// One page of a cursor-paged list, from the API.
typedef PageFetcher<T> = Future<CursorPage<T>> Function(String? cursor);

/// A list read page by page (reviews received, blocked users): more on demand, items removed locally.
class PagedListController<T> extends StateNotifier<PagedState<T>> {
  PagedListController(this._fetch) : super(PagedState<T>());

  final PageFetcher<T> _fetch;

  Future<void> loadMore() async {
    if (state.loading || !state.hasMore) {
      return;
    }
    state = state.copyWith(loading: true, error: () => null);
    try {
      final page = await _fetch(state.nextCursor);
      if (!mounted) {
        return;
      }
      state = PagedState<T>(
        items: [...state.items, ...page.items],
        nextCursor: page.nextCursor,
        loadedOnce: true,
      );
    } catch (e) {
      if (mounted) {
        state = state.copyWith(loading: false, error: () => e);
      }
    }
  }

  Future<void> refresh() {
    state = PagedState<T>();
    return loadMore();
  }

  /// Drops the items [test] matches (e.g. a user just unblocked).
  void removeWhere(bool Function(T item) test) {
    if (mounted) {
      state = state.copyWith(items: [...state.items.where((item) => !test(item))]);
    }
  }
}

/// 거래후기 a user received, newest first.
final userReviewsProvider = StateNotifierProvider.autoDispose
    .family<PagedListController<ReceivedReview>, PagedState<ReceivedReview>, String>((ref, userId) {
  final api = ref.watch(marketApiProvider);
  final controller = PagedListController<ReceivedReview>((cursor) => api.userReviews(userId, cursor: cursor));
  controller.loadMore();
  return controller;
});

/// The users I blocked, latest first.
final blockedUsersProvider =
    StateNotifierProvider.autoDispose<PagedListController<BlockedUser>, PagedState<BlockedUser>>((ref) {
  final api = ref.watch(marketApiProvider);
  final controller = PagedListController<BlockedUser>((cursor) => api.blocks(cursor: cursor));
  controller.loadMore();
  return controller;
});
