import 'dart:async';

import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';
import 'package:go_router/go_router.dart';

import '../api/api_exception.dart';
import '../l10n/app_localizations.dart';
import '../models/models.dart';
import '../state/comments_controller.dart';
import '../state/feed_controller.dart';
import '../state/providers.dart';
import 'widgets/block_user.dart';
import 'widgets/manner_temperature.dart';
import 'widgets/market_image.dart';
import 'widgets/report_dialog.dart';
import 'widgets/seller_reviews.dart';
import 'widgets/status_badge.dart';

/// A listing: photo pager, seller with 매너온도 and the reviews they received, title, price (나눔 for 0),
/// status, description, likes and comments; the bottom bar likes it or opens the chat with the seller; the
/// menu reports the listing or blocks its seller.
class ProductDetailScreen extends ConsumerWidget {
  const ProductDetailScreen({super.key, required this.productId});

  final int productId;

  @override
  Widget build(BuildContext context, WidgetRef ref) {
    final product = ref.watch(productProvider(productId));
    return product.when(
      data: (p) => _ProductView(product: p),
      loading: () => Scaffold(
        appBar: AppBar(),
        body: const Center(child: CircularProgressIndicator()),
      ),
      error: (error, _) => Scaffold(
        appBar: AppBar(),
        body: Center(
          child: Column(
            mainAxisSize: MainAxisSize.min,
            children: [
              Text(
                error is ApiException && error.problem != null
                    ? error.problem!.title
                    : context.l10n.text('loadFailed'),
              ),
              TextButton(
                onPressed: () => ref.invalidate(productProvider(productId)),
                child: Text(context.l10n.text('retry')),
              ),
            ],
          ),
        ),
      ),
    );
  }
}

class _ProductView extends ConsumerStatefulWidget {
  const _ProductView({required this.product});

  final Product product;

  @override
  ConsumerState<_ProductView> createState() => _ProductViewState();
}

class _ProductViewState extends ConsumerState<_ProductView> {
  late bool _liked = widget.product.liked;
  late int _likeCount = widget.product.likeCount;
  bool _liking = false;
  bool _openingChat = false;

  Future<void> _toggleLike() async {
    if (!ref.read(isSignedInProvider)) {
      await context.push('/login');
      return;
    }
    if (_liking) {
      return;
    }
    final api = ref.read(marketApiProvider);
    final like = !_liked;
    setState(() {
      _liking = true;
      _liked = like;
      _likeCount += like ? 1 : -1;
    });
    try {
      if (like) {
        await api.like(widget.product.id);
      } else {
        await api.unlike(widget.product.id);
      }
    } on ApiException {
      if (mounted) {
        setState(() {
          _liked = !like;
          _likeCount += like ? -1 : 1;
        });
      }
    } finally {
      if (mounted) {
        setState(() => _liking = false);
      }
    }
  }

  Future<void> _openChat() async {
    if (!ref.read(isSignedInProvider)) {
      await context.push('/login');
      return;
    }
    setState(() => _openingChat = true);
    try {
      final roomId = await ref.read(marketApiProvider).openChatRoom(widget.product.id);
      if (mounted) {
        await context.push('/chat/$roomId');
      }
    } on ApiException catch (e) {
      if (mounted) {
        ScaffoldMessenger.of(context).showSnackBar(
          SnackBar(content: Text(e.problem?.detail ?? e.message)),
        );
      }
    } finally {
      if (mounted) {
        setState(() => _openingChat = false);
      }
    }
  }

  /// 신고하기 (the listing) or 차단하기 (its seller), from the app bar's menu; signed out → login first.
  Future<void> _onMenu(_ProductAction action) async {
    if (!ref.read(isSignedInProvider)) {
      await context.push('/login');
      return;
    }
    final p = widget.product;
    switch (action) {
      case _ProductAction.report:
        await showReportDialog(context, targetType: ReportTarget.listing, targetId: '${p.id}');
      case _ProductAction.block:
        final feed = ref.read(feedControllerProvider.notifier);
        final blocked = await confirmAndBlock(context, ref, userId: p.seller.id, nickname: p.seller.nickname);
        if (!blocked) {
          return;
        }
        // Their listings are hidden from me now (this one answers 404): back to a feed without them.
        unawaited(feed.refresh());
        if (mounted) {
          if (context.canPop()) {
            context.pop();
          } else {
            context.go('/');
          }
        }
    }
  }

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    final theme = Theme.of(context);
    final p = widget.product;
    final myId = ref.watch(authControllerProvider.select((s) => s.session?.userId));
    final mine = myId != null && myId == p.seller.id;
    final categories = ref.watch(categoriesProvider).valueOrNull ?? const <Category>[];
    final language = Localizations.localeOf(context).languageCode;
    final category = categories.where((c) => c.code == p.category).map((c) => c.label(language));

    return Scaffold(
      body: CustomScrollView(
        slivers: [
          SliverAppBar(
            pinned: true,
            expandedHeight: p.images.isEmpty ? null : 320.0,
            flexibleSpace: p.images.isEmpty ? null : FlexibleSpaceBar(background: _PhotoPager(images: p.images)),
            actions: [
              if (!mine)
                PopupMenuButton<_ProductAction>(
                  key: const ValueKey('product-menu'),
                  onSelected: _onMenu,
                  itemBuilder: (context) => [
                    PopupMenuItem(
                      key: const ValueKey('menu-report'),
                      value: _ProductAction.report,
                      child: Text(l10n.text('report')),
                    ),
                    PopupMenuItem(
                      key: const ValueKey('menu-block'),
                      value: _ProductAction.block,
                      child: Text(l10n.text('blockUser', {'name': p.seller.nickname})),
                    ),
                  ],
                ),
            ],
          ),
          SliverToBoxAdapter(
            child: Padding(
              padding: const EdgeInsets.all(16),
              child: Column(
                crossAxisAlignment: CrossAxisAlignment.start,
                children: [
                  _SellerRow(seller: p.seller, region: p.region),
                  SellerReviews(sellerId: p.seller.id),
                  const Divider(height: 16),
                  Row(
                    children: [
                      StatusBadge(status: p.status),
                      if (p.status != ProductStatus.onSale) const SizedBox(width: 8),
                      Expanded(child: Text(p.title, style: theme.textTheme.titleLarge)),
                    ],
                  ),
                  const SizedBox(height: 4),
                  Text(
                    '${category.isEmpty ? p.category : category.first} · ${l10n.timeAgo(p.bumpedAt)}',
                    style: theme.textTheme.bodySmall?.copyWith(color: theme.colorScheme.outline),
                  ),
                  const SizedBox(height: 16),
                  Text(p.description, style: theme.textTheme.bodyLarge),
                  const SizedBox(height: 16),
                  Text(
                    '${l10n.text('chats')} ${p.chatCount} · ${l10n.text('like')} $_likeCount · '
                    '${l10n.text('views')} ${p.viewCount}',
                    key: const ValueKey('product-counts'),
                    style: theme.textTheme.bodySmall?.copyWith(color: theme.colorScheme.outline),
                  ),
                  const Divider(height: 32),
                  Text('${l10n.text('comments')} ${p.commentCount}', style: theme.textTheme.titleMedium),
                ],
              ),
            ),
          ),
          _CommentsSliver(productId: p.id),
          const SliverToBoxAdapter(child: SizedBox(height: 24)),
        ],
      ),
      bottomNavigationBar: SafeArea(
        child: Container(
          padding: const EdgeInsets.symmetric(horizontal: 8, vertical: 8),
          decoration: BoxDecoration(border: Border(top: BorderSide(color: theme.dividerColor))),
          child: Row(
            children: [
              IconButton(
                key: const ValueKey('like-button'),
                onPressed: _toggleLike,
                icon: Icon(_liked ? Icons.favorite : Icons.favorite_border,
                    color: _liked ? const Color(0xFFFF6F0F) : null),
              ),
              const VerticalDivider(),
              Expanded(
                child: Column(
                  crossAxisAlignment: CrossAxisAlignment.start,
                  mainAxisSize: MainAxisSize.min,
                  children: [
                    Text(
                      l10n.price(p.price),
                      key: const ValueKey('product-price'),
                      style: theme.textTheme.titleMedium?.copyWith(fontWeight: FontWeight.bold),
                    ),
                    if (p.negotiable && !p.isFree)
                      Text(l10n.text('negotiable'), style: theme.textTheme.bodySmall),
                  ],
                ),
              ),
              FilledButton(
                key: const ValueKey('chat-button'),
                onPressed: mine || _openingChat || p.status == ProductStatus.sold ? null : _openChat,
                child: Text(mine ? l10n.text('ownListing') : l10n.text('startChat')),
              ),
            ],
          ),
        ),
      ),
    );
  }
}

enum _ProductAction { report, block }

class _PhotoPager extends StatefulWidget {
  const _PhotoPager({required this.images});

  final List<ProductImage> images;

  @override
  State<_PhotoPager> createState() => _PhotoPagerState();
}

class _PhotoPagerState extends State<_PhotoPager> {
  int _index = 0;

  @override
  Widget build(BuildContext context) {
    return Stack(
      fit: StackFit.expand,
      children: [
        PageView.builder(
          key: const ValueKey('photo-pager'),
          itemCount: widget.images.length,
          onPageChanged: (i) => setState(() => _index = i),
          itemBuilder: (context, i) => MarketImage(url: widget.images[i].url),
        ),
        if (widget.images.length > 1)
          Positioned(
            right: 12,
            bottom: 12,
            child: Container(
              padding: const EdgeInsets.symmetric(horizontal: 8, vertical: 2),
              decoration: BoxDecoration(
                color: Colors.black54,
                borderRadius: BorderRadius.circular(12),
              ),
              child: Text(
                '${_index + 1}/${widget.images.length}',
                key: const ValueKey('photo-index'),
                style: const TextStyle(color: Colors.white),
              ),
            ),
          ),
      ],
    );
  }
}

class _SellerRow extends StatelessWidget {
  const _SellerRow({required this.seller, required this.region});

  final Seller seller;
  final String region;

  @override
  Widget build(BuildContext context) {
    return Row(
      children: [
        CircleAvatar(child: Text(seller.nickname.isEmpty ? '?' : seller.nickname.characters.first)),
        const SizedBox(width: 12),
        Expanded(
          child: Column(
            crossAxisAlignment: CrossAxisAlignment.start,
            children: [
              Text(seller.nickname, style: Theme.of(context).textTheme.titleSmall),
              Text(region, style: Theme.of(context).textTheme.bodySmall),
            ],
          ),
        ),
        MannerTemperature(celsius: seller.mannerTemperature),
      ],
    );
  }
}

class _CommentsSliver extends ConsumerStatefulWidget {
  const _CommentsSliver({required this.productId});

  final int productId;

  @override
  ConsumerState<_CommentsSliver> createState() => _CommentsSliverState();
}

class _CommentsSliverState extends ConsumerState<_CommentsSliver> {
  final _input = TextEditingController();
  bool _sending = false;

  @override
  void dispose() {
    _input.dispose();
    super.dispose();
  }

  Future<void> _send() async {
    final text = _input.text.trim();
    if (text.isEmpty || _sending) {
      return;
    }
    setState(() => _sending = true);
    try {
      await ref.read(commentsControllerProvider(widget.productId).notifier).add(text);
      _input.clear();
    } on ApiException catch (e) {
      if (mounted) {
        ScaffoldMessenger.of(context).showSnackBar(SnackBar(content: Text(e.problem?.detail ?? e.message)));
      }
    } finally {
      if (mounted) {
        setState(() => _sending = false);
      }
    }
  }

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    final comments = ref.watch(commentsControllerProvider(widget.productId));
    final signedIn = ref.watch(isSignedInProvider);
    return SliverList.list(
      children: [
        if (comments.isEmpty)
          Padding(
            padding: const EdgeInsets.symmetric(horizontal: 16, vertical: 8),
            child: Text(l10n.text('noComments')),
          ),
        for (final c in comments.items)
          ListTile(
            key: ValueKey('comment-${c.id}'),
            title: Text(c.author.nickname),
            subtitle: Text(c.content),
            trailing: Text(l10n.timeAgo(c.createdAt), style: Theme.of(context).textTheme.bodySmall),
          ),
        if (comments.loading) const Center(child: CircularProgressIndicator()),
        if (!comments.loading && comments.loadedOnce && comments.nextCursor != null)
          TextButton(
            key: const ValueKey('more-comments'),
            onPressed: () => ref.read(commentsControllerProvider(widget.productId).notifier).loadMore(),
            child: Text(l10n.text('moreComments')),
          ),
        Padding(
          padding: const EdgeInsets.symmetric(horizontal: 16, vertical: 8),
          child: signedIn
              ? TextField(
                  key: const ValueKey('comment-field'),
                  controller: _input,
                  maxLength: 1000,
                  decoration: InputDecoration(
                    hintText: l10n.text('commentHint'),
                    suffixIcon: IconButton(
                      key: const ValueKey('comment-send'),
                      icon: const Icon(Icons.send),
                      tooltip: l10n.text('send'),
                      onPressed: _sending ? null : _send,
                    ),
                  ),
                  onSubmitted: (_) => _send(),
                )
              : OutlinedButton(
                  onPressed: () => context.push('/login'),
                  child: Text(l10n.text('login')),
                ),
        ),
      ],
    );
  }
}
