import 'package:flutter/material.dart';

import '../../l10n/app_localizations.dart';

/// 매너온도: the number in °C, coloured like a thermometer (36.5 is where everyone starts).
class MannerTemperature extends StatelessWidget {
  const MannerTemperature({super.key, required this.celsius});

  final double celsius;

  static Color colorFor(double celsius) {
    if (celsius < 30) {
      return const Color(0xFF0B4A8E);
    }
    if (celsius < 36.5) {
      return const Color(0xFF1F8CE6);
    }
    if (celsius < 40) {
      return const Color(0xFF319E45);
    }
    if (celsius < 50) {
      return const Color(0xFFDEA651);
    }
    return const Color(0xFFFF6F0F);
  }

  @override
  Widget build(BuildContext context) {
    final color = colorFor(celsius);
    return Semantics(
      label: context.l10n.text('mannerTemperature'),
      child: Column(
        crossAxisAlignment: CrossAxisAlignment.end,
        mainAxisSize: MainAxisSize.min,
        children: [
          Text(
            '${celsius.toStringAsFixed(1)}°C',
            style: TextStyle(color: color, fontWeight: FontWeight.bold, fontSize: 16),
          ),
          SizedBox(
            width: 64,
            child: LinearProgressIndicator(
              value: (celsius / 100).clamp(0.0, 1.0),
              color: color,
              backgroundColor: color.withValues(alpha: 0.2),
            ),
          ),
          Text(
            context.l10n.text('mannerTemperature'),
            style: Theme.of(context).textTheme.labelSmall,
          ),
        ],
      ),
    );
  }
}
