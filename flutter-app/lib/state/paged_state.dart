/// A list loaded page by page with a keyset cursor.
class PagedState<T> {
  const PagedState({
    this.items = const [],
    this.nextCursor,
    this.loading = false,
    this.loadedOnce = false,
    this.error,
  });

  final List<T> items;
  final String? nextCursor;
  final bool loading;

  /// False until the first page arrived: tells "nothing yet" from "nothing at all".
  final bool loadedOnce;
  final Object? error;

  bool get hasMore => !loadedOnce || nextCursor != null;

  bool get isEmpty => loadedOnce && items.isEmpty;

  PagedState<T> copyWith({
    List<T>? items,
    String? Function()? nextCursor,
    bool? loading,
    bool? loadedOnce,
    Object? Function()? error,
  }) {
    return PagedState<T>(
      items: items ?? this.items,
      nextCursor: nextCursor == null ? this.nextCursor : nextCursor(),
      loading: loading ?? this.loading,
      loadedOnce: loadedOnce ?? this.loadedOnce,
      error: error == null ? this.error : error(),
    );
  }
}
