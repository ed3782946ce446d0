import 'dart:math';

import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../api/api_exception.dart';
import '../l10n/app_localizations.dart';
import '../models/models.dart';
import '../state/providers.dart';

/// A 1:1 chat room over REST: the latest messages, then sending with an idempotency id so a
/// retried send never duplicates. Opened from the product page or by tapping a chat push.
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

  @override
  void initState() {
    super.initState();
    _load();
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
    return Scaffold(
      appBar: AppBar(
        title: Text(l10n.text('chatTitle')),
        actions: [IconButton(onPressed: _load, icon: const Icon(Icons.refresh))],
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
                    child: Text(m.content, style: TextStyle(color: mine ? Colors.white : null)),
                  ),
                );
              },
            ),
          ),
          SafeArea(
            child: Padding(
              padding: const EdgeInsets.all(8),
              child: Row(
                children: [
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
