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

/// The home feed: newest first, infinite scroll, search text, category filter and how far from the 동네.
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

  /// The listings as far as range [step] reaches from [regionCode] (the user's 동네): 0 the 동 only,
  /// 1 ≤ 3 km, 2 ≤ 6 km, 3 ≤ 10 km (`GET /api/products?regionCode=&range=`).
  Future<void> selectRange(String regionCode, int step) {
    return _apply(state.query.copyWith(
      region: () => null,
      regionCode: () => regionCode,
      range: () => step,
    ));
  }

  /// Every 동네 (`region=all`).
  Future<void> showEverywhere() {
    return _apply(state.query.copyWith(region: () => 'all', regionCode: () => null, range: () => null));
  }

  /// Back to the server's default place (a signed-in user's 동네 and saved range), reloading even when the
  /// query does not change: after the user changed their 동네 or range.
  Future<void> resetPlace() {
    state = state.copyWith(
      query: state.query.copyWith(region: () => null, regionCode: () => null, range: () => null),
    );
    return refresh();
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
