import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../api/market_api.dart';
import '../models/models.dart';
import 'paged_state.dart';
import 'providers.dart';

class InboxState {
  const InboxState({this.page = const PagedState(), this.unreadCount = 0});

  final PagedState<InboxItem> page;
  final int unreadCount;
}

/// The in-app inbox (newest first) and its unread badge.
class InboxController extends StateNotifier<InboxState> {
  InboxController(this._api) : super(const InboxState());

  final MarketApi _api;

  Future<void> refresh() {
    state = InboxState(unreadCount: state.unreadCount);
    return loadMore();
  }

  Future<void> loadMore() async {
    final page = state.page;
    if (page.loading || !page.hasMore) {
      return;
    }
    state = InboxState(
      page: page.copyWith(loading: true, error: () => null),
      unreadCount: state.unreadCount,
    );
    try {
      final result = await _api.inbox(cursor: page.nextCursor);
      if (!mounted) {
        return;
      }
      state = InboxState(
        page: PagedState(
          items: [...state.page.items, ...result.items],
          nextCursor: result.nextCursor,
          loadedOnce: true,
        ),
        unreadCount: result.unreadCount,
      );
    } catch (e) {
      if (mounted) {
        state = InboxState(
          page: state.page.copyWith(loading: false, error: () => e),
          unreadCount: state.unreadCount,
        );
      }
    }
  }

  /// Marks every item up to [upToId] (default: the newest loaded) read.
  Future<void> markRead([int? upToId]) async {
    final items = state.page.items;
    if (items.isEmpty) {
      return;
    }
    final limit = upToId ?? items.map((i) => i.id).reduce((a, b) => a > b ? a : b);
    final unread = await _api.markInboxRead(limit);
    if (!mounted) {
      return;
    }
    state = InboxState(
      page: state.page.copyWith(
        items: [for (final item in state.page.items) item.id <= limit ? item.markedRead() : item],
      ),
      unreadCount: unread,
    );
  }
}

final inboxControllerProvider = StateNotifierProvider<InboxController, InboxState>((ref) {
  final controller = InboxController(ref.watch(marketApiProvider));
  if (ref.watch(isSignedInProvider)) {
    controller.loadMore();
  }
  return controller;
});

/// Published notices, for the inbox tab of a signed-out user.
final noticesProvider = FutureProvider.autoDispose<CursorPage<Notice>>((ref) {
  return ref.watch(marketApiProvider).notices();
});
