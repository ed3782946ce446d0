import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../api/market_api.dart';
import '../models/models.dart';
import 'paged_state.dart';
import 'providers.dart';

class FeedState {
  const FeedState({this.query = const ProductQuery(), this.page = const PagedState()});

  final ProductQuery query;
  final PagedState<ProductListItem> page;

  FeedState copyWith({ProductQuery? query, PagedState<ProductListItem>? page}) {
    return FeedState(query: query ?? this.query, page: page ?? this.page);
  }
}

/// The home feed: newest first, infinite scroll, search text and category filter.
class FeedController extends StateNotifier<FeedState> {
  FeedController(this._api, {this.pageSize = 20}) : super(const FeedState());

  final MarketApi _api;
  final int pageSize;

  /// Bumped whenever the query changes, so a page of an old query arriving late is dropped.
  int _generation = 0;

  Future<void> refresh() {
    _generation++;
    state = state.copyWith(page: const PagedState());
    return loadMore();
  }

  Future<void> loadMore() async {
    final page = state.page;
    if (page.loading || !page.hasMore) {
      return;
    }
    final generation = _generation;
    state = state.copyWith(page: page.copyWith(loading: true, error: () => null));
    try {
      final result = await _api.products(
        query: state.query,
        cursor: page.nextCursor,
        size: pageSize,
      );
      if (!mounted || generation != _generation) {
        return;
      }
      state = state.copyWith(
        page: PagedState(
          items: [...state.page.items, ...result.items],
          nextCursor: result.nextCursor,
          loadedOnce: true,
        ),
      );
    } catch (e) {
      if (!mounted || generation != _generation) {
        return;
      }
      state = state.copyWith(page: state.page.copyWith(loading: false, error: () => e));
    }
  }

  Future<void> search(String text) {
    final q = text.trim();
    return _apply(state.query.copyWith(q: () => q.isEmpty ? null : q));
  }

  Future<void> selectCategory(String? code) {
    return _apply(state.query.copyWith(category: () => code));
  }

  /// Limits the feed to one 동네 (the user's region), or shows every region with null.
  Future<void> selectRegion(String? region) {
    return _apply(state.query.copyWith(region: () => region));
  }

  Future<void> _apply(ProductQuery query) {
    if (query == state.query && state.page.loadedOnce) {
      return Future<void>.value();
    }
    state = state.copyWith(query: query);
    return refresh();
  }
}

final feedControllerProvider = StateNotifierProvider<FeedController, FeedState>((ref) {
  final controller = FeedController(ref.watch(marketApiProvider));
  controller.loadMore();
  return controller;
});
