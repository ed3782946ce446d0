import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../api/market_api.dart';
import '../models/models.dart';
import 'paged_state.dart';
import 'providers.dart';

/// A listing's comments, oldest first, more on demand; posting appends the new one.
class CommentsController extends StateNotifier<PagedState<Comment>> {
  CommentsController(this._api, this.productId) : super(const PagedState());

  final MarketApi _api;
  final int productId;

  Future<void> loadMore() async {
    if (state.loading || !state.hasMore) {
      return;
    }
    state = state.copyWith(loading: true, error: () => null);
    try {
      final page = await _api.comments(productId, cursor: state.nextCursor);
      if (!mounted) {
        return;
      }
      state = PagedState(
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

  Future<void> add(String content) async {
    final comment = await _api.addComment(productId, content.trim());
    if (!mounted) {
      return;
    }
    // Oldest first: the new comment belongs at the end, but only once the end is loaded.
    if (state.nextCursor == null) {
      state = state.copyWith(items: [...state.items, comment]);
    }
  }
}

final commentsControllerProvider = StateNotifierProvider.autoDispose
    .family<CommentsController, PagedState<Comment>, int>((ref, productId) {
  final controller = CommentsController(ref.watch(marketApiProvider), productId);
  controller.loadMore();
  return controller;
});
