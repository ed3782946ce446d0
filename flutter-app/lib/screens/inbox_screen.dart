import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';
import 'package:go_router/go_router.dart';

import '../l10n/app_localizations.dart';
import '../models/models.dart';
import '../push/notification_route.dart';
import '../state/inbox_controller.dart';
import '../state/providers.dart';

/// The in-app inbox for a signed-in user; public notices for everyone else.
class InboxScreen extends ConsumerWidget {
  const InboxScreen({super.key});

  @override
  Widget build(BuildContext context, WidgetRef ref) {
    final signedIn = ref.watch(isSignedInProvider);
    return signedIn ? const _Inbox() : const _Notices();
  }
}

class _Inbox extends ConsumerWidget {
  const _Inbox();

  @override
  Widget build(BuildContext context, WidgetRef ref) {
    final l10n = context.l10n;
    final inbox = ref.watch(inboxControllerProvider);
    final page = inbox.page;
    final controller = ref.read(inboxControllerProvider.notifier);
    return Scaffold(
      appBar: AppBar(
        title: Text(l10n.text('inboxTitle')),
        actions: [
          if (inbox.unreadCount > 0)
            TextButton(
              key: const ValueKey('mark-all-read'),
              onPressed: () => controller.markRead(),
              child: Text(l10n.text('markAllRead')),
            ),
          IconButton(
            icon: const Icon(Icons.settings_outlined),
            tooltip: l10n.text('settingsTitle'),
            onPressed: () => context.push('/settings/notifications'),
          ),
        ],
      ),
      body: RefreshIndicator(
        onRefresh: controller.refresh,
        child: page.isEmpty
            ? ListView(children: [
                const SizedBox(height: 120),
                Center(child: Text(l10n.text('inboxEmpty'), key: const ValueKey('inbox-empty'))),
              ])
            : NotificationListener<ScrollNotification>(
                onNotification: (n) {
                  if (n.metrics.extentAfter < 400) {
                    controller.loadMore();
                  }
                  return false;
                },
                child: ListView.separated(
                  physics: const AlwaysScrollableScrollPhysics(),
                  itemCount: page.items.length + (page.loading ? 1 : 0),
                  separatorBuilder: (_, __) => const Divider(height: 1),
                  itemBuilder: (context, index) {
                    if (index >= page.items.length) {
                      return const Padding(
                        padding: EdgeInsets.all(16),
                        child: Center(child: CircularProgressIndicator()),
                      );
                    }
                    final item = page.items[index];
                    return _InboxTile(
                      item: item,
                      onTap: () {
                        if (!item.read) {
                          controller.markRead(item.id);
                        }
                        final route = routeForNotificationData(item.data, type: item.type);
                        if (route != null && route != '/inbox') {
                          context.push(route);
                        }
                      },
                    );
                  },
                ),
              ),
      ),
    );
  }
}

class _InboxTile extends StatelessWidget {
  const _InboxTile({required this.item, required this.onTap});

  final InboxItem item;
  final VoidCallback onTap;

  static IconData iconFor(String type) {
    switch (type) {
      case 'CHAT_MESSAGE':
        return Icons.chat_bubble_outline;
      case 'PRICE_OFFER':
        return Icons.local_offer_outlined;
      case 'COMMENT':
        return Icons.mode_comment_outlined;
      case 'LIKE':
        return Icons.favorite_border;
      case 'PRICE_DROP':
        return Icons.trending_down;
      case 'KEYWORD_MATCH':
        return Icons.sell_outlined;
      case 'REVIEW':
      case 'REVIEW_REQUEST':
      case 'TRADE':
        return Icons.handshake_outlined;
      case 'AD':
        return Icons.campaign_outlined;
      case 'REPORT_RESULT':
        return Icons.flag_outlined;
      default:
        return Icons.notifications_none;
    }
  }

  @override
  Widget build(BuildContext context) {
    final theme = Theme.of(context);
    return ListTile(
      key: ValueKey('inbox-${item.id}'),
      onTap: onTap,
      tileColor: item.read ? null : theme.colorScheme.primaryContainer.withValues(alpha: 0.25),
      leading: Icon(iconFor(item.type)),
      title: Text(item.title, style: item.read ? null : const TextStyle(fontWeight: FontWeight.bold)),
      subtitle: Text(item.body, maxLines: 2, overflow: TextOverflow.ellipsis),
      trailing: Text(context.l10n.timeAgo(item.createdAt), style: theme.textTheme.bodySmall),
    );
  }
}

class _Notices extends ConsumerWidget {
  const _Notices();

  @override
  Widget build(BuildContext context, WidgetRef ref) {
    final l10n = context.l10n;
    final notices = ref.watch(noticesProvider);
    return Scaffold(
      appBar: AppBar(title: Text(l10n.text('noticesTitle'))),
      body: Column(
        children: [
          MaterialBanner(
            content: Text(l10n.text('loginRequired')),
            actions: [
              TextButton(
                key: const ValueKey('inbox-login'),
                onPressed: () => context.push('/login'),
                child: Text(l10n.text('login')),
              ),
            ],
          ),
          Expanded(
            child: notices.when(
              data: (page) => page.items.isEmpty
                  ? Center(child: Text(l10n.text('noticesEmpty')))
                  : ListView(
                      children: [
                        for (final notice in page.items)
                          ListTile(
                            key: ValueKey('notice-${notice.id}'),
                            leading: const Icon(Icons.campaign_outlined),
                            title: Text(notice.title),
                            subtitle: Text(notice.body),
                            trailing: Text(l10n.date(notice.publishedAt)),
                            onTap: () {
                              final route = routeForNotificationData(
                                {if (notice.link != null) 'link': notice.link!},
                                type: 'NOTICE',
                              );
                              if (route != null && route != '/inbox') {
                                context.push(route);
                              }
                            },
                          ),
                      ],
                    ),
              loading: () => const Center(child: CircularProgressIndicator()),
              error: (_, __) => Center(
                child: TextButton(
                  onPressed: () => ref.invalidate(noticesProvider),
                  child: Text(l10n.text('retry')),
                ),
              ),
            ),
          ),
        ],
      ),
    );
  }
}
