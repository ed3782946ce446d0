import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';
import 'package:go_router/go_router.dart';

import '../l10n/app_localizations.dart';
import '../models/models.dart';
import '../state/feed_controller.dart';
import '../state/providers.dart';
import 'widgets/product_tile.dart';

/// Home: the feed of the user's 동네 with search, category and range chips and infinite scroll.
class FeedScreen extends ConsumerStatefulWidget {
  const FeedScreen({super.key});

  @override
  ConsumerState<FeedScreen> createState() => _FeedScreenState();
}

class _FeedScreenState extends ConsumerState<FeedScreen> {
  /// Start fetching the next page this far before the end, so scrolling rarely waits.
  static const _prefetchExtent = 600.0;

  final _scroll = ScrollController();
  final _search = TextEditingController();

  @override
  void initState() {
    super.initState();
    _scroll.addListener(_onScroll);
  }

  @override
  void dispose() {
    _scroll.dispose();
    _search.dispose();
    super.dispose();
  }

  void _onScroll() {
    if (_scroll.position.extentAfter < _prefetchExtent) {
      ref.read(feedControllerProvider.notifier).loadMore();
    }
  }

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    final feed = ref.watch(feedControllerProvider);
    final page = feed.page;
    final me = ref.watch(myProfileProvider).valueOrNull;
    // Range chips only for a signed-in user with a 동네: a range needs a centre.
    final home = me?.regionCode == null ? null : me;
    final everywhere = feed.query.region == 'all';

    return Scaffold(
      appBar: AppBar(
        title: Text(home == null || everywhere ? l10n.appTitle : home.region ?? l10n.appTitle),
        bottom: PreferredSize(
          preferredSize: Size.fromHeight(home == null ? 120 : 168),
          child: Column(
            mainAxisSize: MainAxisSize.min,
            children: [
              Padding(
                padding: const EdgeInsets.fromLTRB(16, 0, 16, 8),
                child: TextField(
                  key: const ValueKey('search-field'),
                  controller: _search,
                  textInputAction: TextInputAction.search,
                  decoration: InputDecoration(
                    hintText: l10n.text('searchHint'),
                    prefixIcon: const Icon(Icons.search),
                    isDense: true,
                    border: const OutlineInputBorder(),
                    suffixIcon: IconButton(
                      icon: const Icon(Icons.clear),
                      onPressed: () {
                        _search.clear();
                        ref.read(feedControllerProvider.notifier).search('');
                      },
                    ),
                  ),
                  onSubmitted: (text) => ref.read(feedControllerProvider.notifier).search(text),
                ),
              ),
              const SizedBox(height: 48, child: _CategoryChips()),
              if (home != null) SizedBox(height: 48, child: _RangeChips(me: home)),
            ],
          ),
        ),
      ),
      body: RefreshIndicator(
        onRefresh: () => ref.read(feedControllerProvider.notifier).refresh(),
        child: page.isEmpty
            ? ListView(
                children: [
                  const SizedBox(height: 120),
                  Center(child: Text(l10n.text('emptyFeed'), key: const ValueKey('feed-empty'))),
                ],
              )
            : ListView.separated(
                key: const ValueKey('feed-list'),
                controller: _scroll,
                physics: const AlwaysScrollableScrollPhysics(),
                itemCount: page.items.length + 1,
                separatorBuilder: (_, __) => const Divider(height: 1, indent: 16, endIndent: 16),
                itemBuilder: (context, index) {
                  if (index == page.items.length) {
                    if (page.hasMore && !page.loading && page.error == null) {
                      // The footer came into view without a scroll (short first page): fetch more.
                      WidgetsBinding.instance.addPostFrameCallback(
                        (_) => ref.read(feedControllerProvider.notifier).loadMore(),
                      );
                    }
                    return _Footer(
                      loading: page.loading || page.hasMore,
                      failed: page.error != null,
                      onRetry: () => ref.read(feedControllerProvider.notifier).loadMore(),
                    );
                  }
                  final item = page.items[index];
                  return ProductTile(item: item, onTap: () => context.push('/products/${item.id}'));
                },
              ),
      ),
    );
  }
}

class _CategoryChips extends ConsumerWidget {
  const _CategoryChips();

  @override
  Widget build(BuildContext context, WidgetRef ref) {
    final l10n = context.l10n;
    final selected = ref.watch(feedControllerProvider.select((s) => s.query.category));
    final categories = ref.watch(categoriesProvider).valueOrNull ?? const [];
    final language = Localizations.localeOf(context).languageCode;
    return ListView(
      scrollDirection: Axis.horizontal,
      padding: const EdgeInsets.symmetric(horizontal: 12),
      children: [
        Padding(
          padding: const EdgeInsets.symmetric(horizontal: 4),
          child: ChoiceChip(
            key: const ValueKey('category-all'),
            label: Text(l10n.text('allCategories')),
            selected: selected == null,
            onSelected: (_) => ref.read(feedControllerProvider.notifier).selectCategory(null),
          ),
        ),
        for (final category in categories)
          Padding(
            padding: const EdgeInsets.symmetric(horizontal: 4),
            child: ChoiceChip(
              key: ValueKey('category-${category.code}'),
              label: Text(category.label(language)),
              selected: selected == category.code,
              onSelected: (on) => ref
                  .read(feedControllerProvider.notifier)
                  .selectCategory(on ? category.code : null),
            ),
          ),
      ],
    );
  }
}

/// How far from the user's 동네 the feed reaches (내 동네만 / 근처 / 조금 먼 / 먼 동네), or every 동네.
class _RangeChips extends ConsumerWidget {
  const _RangeChips({required this.me});

  final MyProfile me;

  @override
  Widget build(BuildContext context, WidgetRef ref) {
    final l10n = context.l10n;
    final query = ref.watch(feedControllerProvider.select((s) => s.query));
    final everywhere = query.region == 'all';
    final step = query.range ?? me.range;
    final controller = ref.read(feedControllerProvider.notifier);
    return ListView(
      scrollDirection: Axis.horizontal,
      padding: const EdgeInsets.symmetric(horizontal: 12),
      children: [
        for (var s = 0; s <= 3; s++)
          Padding(
            padding: const EdgeInsets.symmetric(horizontal: 4),
            child: ChoiceChip(
              key: ValueKey('feed-range-$s'),
              avatar: s == 0 ? const Icon(Icons.location_on_outlined, size: 18) : null,
              label: Text(l10n.text('range.$s')),
              selected: !everywhere && step == s,
              onSelected: (_) => controller.selectRange(me.regionCode!, s),
            ),
          ),
        Padding(
          padding: const EdgeInsets.symmetric(horizontal: 4),
          child: ChoiceChip(
            key: const ValueKey('feed-range-all'),
            label: Text(l10n.text('allRegions')),
            selected: everywhere,
            onSelected: (_) => controller.showEverywhere(),
          ),
        ),
      ],
    );
  }
}

class _Footer extends StatelessWidget {
  const _Footer({required this.loading, required this.failed, required this.onRetry});

  final bool loading;
  final bool failed;
  final VoidCallback onRetry;

  @override
  Widget build(BuildContext context) {
    if (failed) {
      return Padding(
        padding: const EdgeInsets.all(16),
        child: Column(
          children: [
            Text(context.l10n.text('loadFailed')),
            TextButton(onPressed: onRetry, child: Text(context.l10n.text('retry'))),
          ],
        ),
      );
    }
    if (!loading) {
      return const SizedBox(height: 24);
    }
    return const Padding(
      padding: EdgeInsets.all(16),
      child: Center(child: CircularProgressIndicator()),
    );
  }
}
