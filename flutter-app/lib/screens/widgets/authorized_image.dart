import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../../state/providers.dart';

/// A photo only the signed-in user may see (a chat photo: `/api/chat/photos/{key}` answers only the room's two
/// parties). Loaded with `Image.network` and the bearer token; kept in the in-memory image cache only, never on
/// disk, so nothing of it stays on the device for the next account.
class AuthorizedImage extends ConsumerStatefulWidget {
  const AuthorizedImage({super.key, required this.url, this.fit = BoxFit.cover, this.semanticLabel});

  final String url;
  final BoxFit fit;
  final String? semanticLabel;

  @override
  ConsumerState<AuthorizedImage> createState() => _AuthorizedImageState();
}

class _AuthorizedImageState extends ConsumerState<AuthorizedImage> {
  /// The token is asked for once per image (the controller refreshes it first when it is about to expire).
  Future<String?>? _token;

  @override
  Widget build(BuildContext context) {
    if (!ref.watch(networkImagesProvider)) {
      return _Placeholder(label: widget.semanticLabel);
    }
    final token = _token ??= ref.read(authControllerProvider.notifier).accessToken();
    return FutureBuilder<String?>(
      future: token,
      builder: (context, snapshot) {
        if (snapshot.connectionState != ConnectionState.done) {
          return _Placeholder(label: widget.semanticLabel);
        }
        final value = snapshot.data;
        if (value == null) {
          return _Placeholder(label: widget.semanticLabel, icon: Icons.broken_image_outlined);
        }
        return Image.network(
          ref.watch(configProvider).resolveUrl(widget.url),
          headers: {'Authorization': 'Bearer $value'},
          fit: widget.fit,
          semanticLabel: widget.semanticLabel,
          loadingBuilder: (context, child, progress) =>
              progress == null ? child : _Placeholder(label: widget.semanticLabel),
          errorBuilder: (context, error, stack) =>
              _Placeholder(label: widget.semanticLabel, icon: Icons.broken_image_outlined),
        );
      },
    );
  }
}

class _Placeholder extends StatelessWidget {
  const _Placeholder({this.label, this.icon = Icons.image_outlined});

  final String? label;
  final IconData icon;

  @override
  Widget build(BuildContext context) {
    return Semantics(
      label: label,
      image: true,
      child: ColoredBox(
        color: Theme.of(context).colorScheme.surfaceContainerHighest,
        child: Center(child: Icon(icon, color: Theme.of(context).colorScheme.outline)),
      ),
    );
  }
}
