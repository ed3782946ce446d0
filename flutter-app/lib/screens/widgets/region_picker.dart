import 'package:flutter/material.dart';
import 'package:flutter_riverpod/flutter_riverpod.dart';

import '../../api/api_exception.dart';
import '../../l10n/app_localizations.dart';
import '../../models/models.dart';
import '../../state/providers.dart';

/// Find a 동 by name (`GET /api/regions?q=`; two syllables are enough: 역삼, 강남 역삼) and pick one.
class RegionPicker extends ConsumerStatefulWidget {
  const RegionPicker({super.key, required this.onPick, this.busy = false});

  final ValueChanged<Region> onPick;

  /// While the pick is being saved: the results cannot be tapped.
  final bool busy;

  @override
  ConsumerState<RegionPicker> createState() => _RegionPickerState();
}

class _RegionPickerState extends ConsumerState<RegionPicker> {
  final _query = TextEditingController();
  List<Region>? _results;
  bool _searching = false;
  String? _error;

  @override
  void dispose() {
    _query.dispose();
    super.dispose();
  }

  Future<void> _search() async {
    final q = _query.text.trim();
    if (q.isEmpty || _searching) {
      return;
    }
    setState(() {
      _searching = true;
      _error = null;
    });
    try {
      final found = await ref.read(marketApiProvider).searchRegions(q);
      if (mounted) {
        setState(() => _results = found);
      }
    } on ApiException catch (e) {
      if (mounted) {
        setState(() => _error = e.problem?.detail ?? e.problem?.title ?? e.message);
      }
    } finally {
      if (mounted) {
        setState(() => _searching = false);
      }
    }
  }

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    final results = _results;
    return Padding(
      padding: const EdgeInsets.symmetric(horizontal: 16, vertical: 8),
      child: Column(
        crossAxisAlignment: CrossAxisAlignment.stretch,
        children: [
          TextField(
            key: const ValueKey('region-search'),
            controller: _query,
            maxLength: 30,
            textInputAction: TextInputAction.search,
            decoration: InputDecoration(
              labelText: l10n.text('regionSearch'),
              hintText: l10n.text('regionSearchHint'),
              counterText: '',
              isDense: true,
              border: const OutlineInputBorder(),
              suffixIcon: IconButton(
                key: const ValueKey('region-search-button'),
                icon: const Icon(Icons.search),
                tooltip: l10n.text('regionSearch'),
                onPressed: _searching ? null : _search,
              ),
            ),
            onSubmitted: (_) => _search(),
          ),
          if (_searching) const LinearProgressIndicator(),
          if (_error != null)
            Padding(
              padding: const EdgeInsets.only(top: 8),
              child: Text(_error!, style: TextStyle(color: Theme.of(context).colorScheme.error)),
            ),
          if (results != null && results.isEmpty && !_searching)
            Padding(
              padding: const EdgeInsets.only(top: 8),
              child: Text(l10n.text('regionNone'), key: const ValueKey('region-none')),
            ),
          if (results != null)
            for (final region in results)
              ListTile(
                key: ValueKey('region-result-${region.code}'),
                dense: true,
                contentPadding: EdgeInsets.zero,
                leading: const Icon(Icons.place_outlined),
                title: Text(region.fullName),
                enabled: !widget.busy,
                onTap: () => widget.onPick(region),
              ),
        ],
      ),
    );
  }
}
