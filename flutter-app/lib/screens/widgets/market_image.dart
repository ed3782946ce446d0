import 'package:cached_network_image/cached_network_image.dart';
import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../../state/providers.dart';

/// A product photo from the gateway (relative URLs resolved against the API base URL), cached.
class MarketImage extends ConsumerWidget {
  const MarketImage({super.key, required this.url, this.fit = BoxFit.cover});

  final String? url;
  final BoxFit fit;

  @override
  Widget build(BuildContext context, WidgetRef ref) {
    final url = this.url;
    if (url == null || !ref.watch(networkImagesProvider)) {
      return const _Placeholder();
    }
    return CachedNetworkImage(
      imageUrl: ref.watch(configProvider).resolveUrl(url),
      fit: fit,
      placeholder: (context, _) => const _Placeholder(),
      errorWidget: (context, _, __) => const _Placeholder(icon: Icons.broken_image_outlined),
    );
  }
}

class _Placeholder extends StatelessWidget {
  const _Placeholder({this.icon = Icons.image_outlined});

  final IconData icon;

  @override
  Widget build(BuildContext context) {
    return ColoredBox(
      color: Theme.of(context).colorScheme.surfaceContainerHighest,
      child: Center(child: Icon(icon, color: Theme.of(context).colorScheme.outline)),
    );
  }
}
