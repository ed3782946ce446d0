import 'dart:async';
import 'dart:math';

import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../api/api_exception.dart';
import '../api/market_api.dart';
import '../l10n/app_localizations.dart';
import '../models/models.dart';
import '../state/providers.dart';
import 'widgets/authorized_image.dart';
import 'widgets/block_user.dart';
import 'widgets/chat_offer.dart';
import 'widgets/report_dialog.dart';

/// A 1:1 chat room over REST: the latest messages, then sending with an idempotency id so a
/// retried send never duplicates. Opened from the product page or by tapping a chat push. 가격 제안:
/// the buyer offers, the seller accepts or declines, the buyer withdraws; the menu reports or blocks the
/// other party; a blocked or closed room is read-only. Photos (sent from the web app: the app sends text only)
/// show as a grid of thumbnails, full size on a tap.
class ChatRoomScreen extends ConsumerStatefulWidget {
  const ChatRoomScreen({super.key, required this.roomId});

  final int roomId;

  @override
  ConsumerState<ChatRoomScreen> createState() => _ChatRoomScreenState();
}

class _ChatRoomScreenState extends ConsumerState<ChatRoomScreen> {
  final _input = TextEditingController();
  final _random = Random.secure();
  List<ChatMessage> _messages = const [];
  bool _loading = true;
  Object? _error;

  /// The room's listing and parties (who may offer, who answers), and whether it is read-only.
  ChatRoom? _room;

  @override
  void initState() {
    super.initState();
    _load();
    _loadRoom();
  }

  Future<void> _loadRoom() async {
    try {
      final room = await ref.read(marketApiProvider).chatRoom(widget.roomId);
      if (mounted) {
        setState(() => _room = room);
      }
    } on ApiException {
      // The messages' banner already says when the room cannot be read; without the room there are
      // just no offer, block or report actions.
    }
  }

  void _add(ChatMessage message) {
    if (mounted && !_messages.any((m) => m.id == message.id)) {
      setState(() => _messages = [..._messages, message]);
    }
  }

  void _showProblem(ApiException e) {
    if (mounted) {
      ScaffoldMessenger.of(context).showSnackBar(
        SnackBar(content: Text(e.problem?.detail ?? e.problem?.title ?? e.message)),
      );
    }
  }

  /// 가격 제안 from the buyer: the amount (below the price), then an OFFER message.
  Future<void> _makeOffer() async {
    final room = _room;
    if (room == null) {
      return;
    }
    final amount = await showDialog<int>(context: context, builder: (_) => OfferDialog(price: room.product.price));
    if (amount == null || !mounted) {
      return;
    }
    final clientMsgId = 'app-${DateTime.now().microsecondsSinceEpoch}-${_random.nextInt(1 << 32)}';
    try {
      _add(await ref.read(marketApiProvider).sendOffer(widget.roomId, amount, clientMsgId: clientMsgId));
    } on ApiException catch (e) {
      _showProblem(e);
    }
  }

  /// Accept (optionally making the listing 예약중) or decline as the seller, withdraw as the buyer; the
  /// answer is the SYSTEM message recording it, which also moves the OFFER bubble's status.
  Future<void> _answerOffer(ChatMessage offer, OfferAnswer answer, {bool reserve = true}) async {
    try {
      _add(await ref.read(marketApiProvider).answerOffer(widget.roomId, offer.id, answer, reserve: reserve));
      final room = _room;
      if (answer == OfferAnswer.accept && reserve && room != null && mounted) {
        ref.invalidate(productProvider(room.product.id));
        unawaited(_loadRoom());
      }
    } on ApiException catch (e) {
      _showProblem(e);
    }
  }

  /// An OFFER message's state: its own, or the newer one a SYSTEM message recorded since it was loaded.
  ChatOffer _offerState(ChatMessage message) {
    final own = message.offer!;
    if (!own.isPending) {
      return own;
    }
    for (final m in _messages.reversed) {
      final change = m.offer;
      if (m.type == 'SYSTEM' && change != null && change.offerId == message.id) {
        return change;
      }
    }
    return own;
  }

  Future<void> _onMenu(_RoomAction action) async {
    final room = _room;
    if (room == null) {
      return;
    }
    final other = room.otherThan(ref.read(authControllerProvider).session?.userId);
    final otherId = other.id;
    if (otherId == null) {
      return;
    }
    switch (action) {
      case _RoomAction.report:
        await showReportDialog(context, targetType: ReportTarget.user, targetId: otherId);
      case _RoomAction.block:
        if (await confirmAndBlock(context, ref, userId: otherId, nickname: other.nickname) && mounted) {
          // The room stays readable; chat refuses sends between a blocked pair (blocked: true).
          await _loadRoom();
        }
    }
  }

  @override
  void dispose() {
    _input.dispose();
    super.dispose();
  }

  Future<void> _load() async {
    setState(() {
      _loading = true;
      _error = null;
    });
    try {
      final after = _messages.isEmpty ? null : _messages.last.id;
      final page = await ref.read(marketApiProvider).messages(widget.roomId, after: after);
      if (mounted) {
        setState(() => _messages = [..._messages, ...page.items]);
      }
    } on ApiException catch (e) {
      if (mounted) {
        setState(() => _error = e);
      }
    } finally {
      if (mounted) {
        setState(() => _loading = false);
      }
    }
  }

  Future<void> _send() async {
    final text = _input.text.trim();
    if (text.isEmpty) {
      return;
    }
    final clientMsgId = 'app-${DateTime.now().microsecondsSinceEpoch}-${_random.nextInt(1 << 32)}';
    _input.clear();
    try {
      final message = await ref
          .read(marketApiProvider)
          .sendMessage(widget.roomId, text, clientMsgId: clientMsgId);
      if (mounted && !_messages.any((m) => m.id == message.id)) {
        setState(() => _messages = [..._messages, message]);
      }
    } on ApiException catch (e) {
      if (mounted) {
        _input.text = text;
        ScaffoldMessenger.of(context).showSnackBar(SnackBar(content: Text(e.problem?.detail ?? e.message)));
      }
    }
  }

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    final me = ref.watch(authControllerProvider.select((s) => s.session?.userId));
    final room = _room;
    final other = room?.otherThan(me);
    final readOnly = room != null && (room.closed || room.blocked);
    final canOffer = room != null &&
        !readOnly &&
        room.buyer.id == me &&
        room.product.onSale &&
        room.product.price > 0;
    return Scaffold(
      appBar: AppBar(
        title: Text(other?.nickname ?? l10n.text('chatTitle')),
        actions: [
          IconButton(onPressed: _load, icon: const Icon(Icons.refresh)),
          if (other != null && other.id != null)
            PopupMenuButton<_RoomAction>(
              key: const ValueKey('room-menu'),
              onSelected: _onMenu,
              itemBuilder: (context) => [
                PopupMenuItem(
                  key: const ValueKey('menu-report'),
                  value: _RoomAction.report,
                  child: Text(l10n.text('report')),
                ),
                if (!room!.blocked)
                  PopupMenuItem(
                    key: const ValueKey('menu-block'),
                    value: _RoomAction.block,
                    child: Text(l10n.text('blockUser', {'name': other.nickname})),
                  ),
              ],
            ),
        ],
      ),
      body: Column(
        children: [
          if (_error != null)
            MaterialBanner(
              content: Text(l10n.text('loadFailed')),
              actions: [TextButton(onPressed: _load, child: Text(l10n.text('retry')))],
            ),
          if (_loading) const LinearProgressIndicator(),
          Expanded(
            child: ListView.builder(
              reverse: true,
              itemCount: _messages.length,
              itemBuilder: (context, index) {
                final m = _messages[_messages.length - 1 - index];
                final mine = m.senderId == me;
                if (m.type == 'SYSTEM') {
                  return Center(child: Text(m.content, style: Theme.of(context).textTheme.bodySmall));
                }
                if (m.type == 'OFFER' && m.offer != null) {
                  return OfferBubble(
                    message: m,
                    offer: _offerState(m),
                    mine: mine,
                    seller: room != null && room.seller.id == me,
                    onAnswer: (answer, {bool reserve = true}) => _answerOffer(m, answer, reserve: reserve),
                  );
                }
                return Align(
                  alignment: mine ? Alignment.centerRight : Alignment.centerLeft,
                  child: Container(
                    key: ValueKey('message-${m.id}'),
                    margin: const EdgeInsets.symmetric(horizontal: 12, vertical: 4),
                    padding: const EdgeInsets.symmetric(horizontal: 12, vertical: 8),
                    decoration: BoxDecoration(
                      color: mine ? const Color(0xFFFF6F0F) : Theme.of(context).colorScheme.surfaceContainerHighest,
                      borderRadius: BorderRadius.circular(16),
                    ),
                    child: m.type == 'PHOTO' && m.photos.isNotEmpty
                        ? _PhotoBubble(message: m, mine: mine)
                        : Text(m.content, style: TextStyle(color: mine ? Colors.white : null)),
                  ),
                );
              },
            ),
          ),
          if (readOnly)
            SafeArea(
              child: Padding(
                padding: const EdgeInsets.all(16),
                child: Text(
                  l10n.text(room!.closed ? 'chatClosed' : 'chatBlocked'),
                  key: const ValueKey('room-read-only'),
                  textAlign: TextAlign.center,
                ),
              ),
            )
          else
          SafeArea(
            child: Padding(
              padding: const EdgeInsets.all(8),
              child: Row(
                children: [
                  if (canOffer)
                    IconButton(
                      key: const ValueKey('offer-button'),
                      tooltip: l10n.text('offerMake'),
                      onPressed: _makeOffer,
                      icon: const Icon(Icons.local_offer_outlined),
                    ),
                  Expanded(
                    child: TextField(
                      key: const ValueKey('message-field'),
                      controller: _input,
                      maxLength: 1000,
                      decoration: InputDecoration(hintText: l10n.text('messageHint'), counterText: ''),
                      onSubmitted: (_) => _send(),
                    ),
                  ),
                  IconButton(
                    key: const ValueKey('message-send'),
                    onPressed: _send,
                    icon: const Icon(Icons.send),
                  ),
                ],
              ),
            ),
          ),
        ],
      ),
    );
  }
}

enum _RoomAction { report, block }

/// A PHOTO message: its thumbnails (one large, else up to three a row) and the caption, if any.
class _PhotoBubble extends StatelessWidget {
  const _PhotoBubble({required this.message, required this.mine});

  final ChatMessage message;
  final bool mine;

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    final photos = message.photos;
    final single = photos.length == 1;
    final side = single ? 200.0 : 72.0;
    return Column(
      crossAxisAlignment: mine ? CrossAxisAlignment.end : CrossAxisAlignment.start,
      mainAxisSize: MainAxisSize.min,
      children: [
        ConstrainedBox(
          constraints: const BoxConstraints(maxWidth: 228),
          child: Wrap(
            spacing: 4,
            runSpacing: 4,
            children: [
              for (var i = 0; i < photos.length; i++)
                GestureDetector(
                  key: ValueKey('photo-${message.id}-$i'),
                  onTap: () => Navigator.of(context).push(MaterialPageRoute<void>(
                    fullscreenDialog: true,
                    builder: (_) => ChatPhotoViewer(photos: photos, initialIndex: i),
                  )),
                  child: ClipRRect(
                    borderRadius: BorderRadius.circular(8),
                    child: SizedBox(
                      width: side,
                      height: single
                          ? (side * photos[i].height / max(photos[i].width, 1)).clamp(80.0, 320.0).toDouble()
                          : side,
                      child: AuthorizedImage(
                        url: photos[i].thumbnailUrl,
                        semanticLabel: l10n.text('photoLabel', {'n': i + 1, 'total': photos.length}),
                      ),
                    ),
                  ),
                ),
            ],
          ),
        ),
        if (message.content.isNotEmpty)
          Padding(
            padding: const EdgeInsets.only(top: 4),
            child: Text(message.content, style: TextStyle(color: mine ? Colors.white : null)),
          ),
      ],
    );
  }
}

/// The photos of one message full size, swiped through, each zoomable.
class ChatPhotoViewer extends StatefulWidget {
  const ChatPhotoViewer({super.key, required this.photos, this.initialIndex = 0});

  final List<ChatPhoto> photos;
  final int initialIndex;

  @override
  State<ChatPhotoViewer> createState() => _ChatPhotoViewerState();
}

class _ChatPhotoViewerState extends State<ChatPhotoViewer> {
  late final PageController _pages = PageController(initialPage: widget.initialIndex);
  late int _index = widget.initialIndex;

  @override
  void dispose() {
    _pages.dispose();
    super.dispose();
  }

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    return Scaffold(
      key: const ValueKey('photo-viewer'),
      backgroundColor: Colors.black,
      appBar: AppBar(
        backgroundColor: Colors.black,
        foregroundColor: Colors.white,
        title: Text('${_index + 1} / ${widget.photos.length}'),
      ),
      body: PageView.builder(
        controller: _pages,
        itemCount: widget.photos.length,
        onPageChanged: (i) => setState(() => _index = i),
        itemBuilder: (context, i) => InteractiveViewer(
          maxScale: 4,
          child: Center(
            child: AspectRatio(
              aspectRatio: widget.photos[i].width / max(widget.photos[i].height, 1),
              child: AuthorizedImage(
                key: ValueKey('photo-full-$i'),
                url: widget.photos[i].url,
                fit: BoxFit.contain,
                semanticLabel: l10n.text('photoLabel', {'n': i + 1, 'total': widget.photos.length}),
              ),
            ),
          ),
        ),
      ),
    );
  }
}
