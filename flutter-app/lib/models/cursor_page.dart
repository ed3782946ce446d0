/// One page of a keyset-paginated list, the contract's `Page<T>`:
/// `{"items":[...],"nextCursor":"..."|null}`.
///
/// Named CursorPage because Flutter's widgets library already exports a `Page`.
class CursorPage<T> {
  const CursorPage({required this.items, this.nextCursor});

  final List<T> items;

  /// Opaque cursor for the next page; null on the last page.
  final String? nextCursor;

  bool get hasMore => nextCursor != null;

  factory CursorPage.fromJson(
    Map<String, dynamic> json,
    T Function(Map<String, dynamic> json) itemFromJson,
  ) {
    return CursorPage<T>(
      items: (json['items'] as List<dynamic>)
          .map((e) => itemFromJson(e as Map<String, dynamic>))
          .toList(),
      nextCursor: json['nextCursor'] as String?,
    );
  }
}
