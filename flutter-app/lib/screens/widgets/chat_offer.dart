import 'package:flutter/material.dart';
import 'package:flutter/services.dart';

import '../../api/market_api.dart';
import '../../l10n/app_localizations.dart';
import '../../models/models.dart';

/// Answers an offer; [reserve] only counts for [OfferAnswer.accept].
typedef OfferAnswerCallback = Future<void> Function(OfferAnswer answer, {bool reserve});

/// An OFFER message (가격 제안): the amount and where it stands. While PENDING the room's seller may accept
/// it (optionally making the listing 예약중) or decline it, and the buyer who made it may withdraw it.
class OfferBubble extends StatefulWidget {
  const OfferBubble({
    super.key,
    required this.message,
    required this.offer,
    required this.mine,
    required this.seller,
    required this.onAnswer,
  });

  final ChatMessage message;

  /// The offer's current state (the message's own, or a newer one a SYSTEM message recorded).
  final ChatOffer offer;

  /// I sent it (I am the buyer).
  final bool mine;

  /// I am the room's seller.
  final bool seller;
  final OfferAnswerCallback onAnswer;

  @override
  State<OfferBubble> createState() => _OfferBubbleState();
}

class _OfferBubbleState extends State<OfferBubble> {
  bool _reserve = true;
  bool _busy = false;

  Future<void> _answer(OfferAnswer answer) async {
    setState(() => _busy = true);
    try {
      await widget.onAnswer(answer, reserve: _reserve);
    } finally {
      if (mounted) {
        setState(() => _busy = false);
      }
    }
  }

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    final theme = Theme.of(context);
    final m = widget.message;
    final offer = widget.offer;
    final id = m.id;
    // Sent without a note the server writes "가격 제안: 400,000원"; anything else is the buyer's note.
    final note = m.content.startsWith('가격 제안:') ? null : m.content;
    final statusColor = switch (offer.status) {
      'PENDING' => theme.colorScheme.primary,
      'ACCEPTED' => const Color(0xFF2E9E6B),
      _ => theme.colorScheme.outline,
    };
    return Align(
      alignment: widget.mine ? Alignment.centerRight : Alignment.centerLeft,
      child: Container(
        key: ValueKey('message-$id'),
        constraints: const BoxConstraints(maxWidth: 300),
        margin: const EdgeInsets.symmetric(horizontal: 12, vertical: 4),
        padding: const EdgeInsets.all(12),
        decoration: BoxDecoration(
          border: Border.all(color: const Color(0xFFFF6F0F)),
          borderRadius: BorderRadius.circular(16),
        ),
        child: Column(
          crossAxisAlignment: CrossAxisAlignment.start,
          mainAxisSize: MainAxisSize.min,
          children: [
            Text(l10n.text('offerTitle'), style: theme.textTheme.labelMedium),
            Text(
              l10n.price(offer.amount),
              key: ValueKey('offer-amount-$id'),
              style: theme.textTheme.titleMedium?.copyWith(fontWeight: FontWeight.bold),
            ),
            Text(
              l10n.text('offerStatus.${offer.status}'),
              key: ValueKey('offer-status-$id'),
              style: theme.textTheme.bodySmall?.copyWith(color: statusColor, fontWeight: FontWeight.bold),
            ),
            if (note != null && note.isNotEmpty) Text(note, style: theme.textTheme.bodySmall),
            if (offer.isPending && widget.seller && !widget.mine) ...[
              Row(
                mainAxisSize: MainAxisSize.min,
                children: [
                  Checkbox(
                    key: ValueKey('offer-reserve-$id'),
                    value: _reserve,
                    onChanged: _busy ? null : (v) => setState(() => _reserve = v ?? true),
                  ),
                  Flexible(child: Text(l10n.text('offerReserve'), style: theme.textTheme.bodySmall)),
                ],
              ),
              Row(
                mainAxisSize: MainAxisSize.min,
                children: [
                  FilledButton(
                    key: ValueKey('offer-accept-$id'),
                    onPressed: _busy ? null : () => _answer(OfferAnswer.accept),
                    child: Text(l10n.text('offerAccept')),
                  ),
                  const SizedBox(width: 8),
                  OutlinedButton(
                    key: ValueKey('offer-decline-$id'),
                    onPressed: _busy ? null : () => _answer(OfferAnswer.decline),
                    child: Text(l10n.text('offerDecline')),
                  ),
                ],
              ),
            ],
            if (offer.isPending && widget.mine && !widget.seller)
              TextButton(
                key: ValueKey('offer-withdraw-$id'),
                onPressed: _busy ? null : () => _answer(OfferAnswer.withdraw),
                child: Text(l10n.text('offerWithdraw')),
              ),
          ],
        ),
      ),
    );
  }
}

/// Asks the buyer for an amount: a whole number of won, at least 1 and below the listing's [price]
/// (chat refuses anything else with a 422). Pops the amount, or null.
class OfferDialog extends StatefulWidget {
  const OfferDialog({super.key, required this.price});

  final int price;

  @override
  State<OfferDialog> createState() => _OfferDialogState();
}

class _OfferDialogState extends State<OfferDialog> {
  final _amount = TextEditingController();
  bool _invalid = false;

  @override
  void dispose() {
    _amount.dispose();
    super.dispose();
  }

  void _submit() {
    final amount = int.tryParse(_amount.text.trim());
    if (amount == null || amount < 1 || amount >= widget.price) {
      setState(() => _invalid = true);
      return;
    }
    Navigator.of(context).pop(amount);
  }

  @override
  Widget build(BuildContext context) {
    final l10n = context.l10n;
    return AlertDialog(
      title: Text(l10n.text('offerMake')),
      content: TextField(
        key: const ValueKey('offer-amount'),
        controller: _amount,
        autofocus: true,
        keyboardType: TextInputType.number,
        inputFormatters: [FilteringTextInputFormatter.digitsOnly, LengthLimitingTextInputFormatter(10)],
        decoration: InputDecoration(
          labelText: l10n.text('offerAmount'),
          helperText: l10n.text('offerPrice', {'price': l10n.price(widget.price)}),
          errorText: _invalid ? l10n.text('offerBelowPrice') : null,
        ),
        onChanged: (_) {
          if (_invalid) {
            setState(() => _invalid = false);
          }
        },
        onSubmitted: (_) => _submit(),
      ),
      actions: [
        TextButton(
          onPressed: () => Navigator.of(context).pop(),
          child: Text(l10n.text('cancel')),
        ),
        FilledButton(
          key: const ValueKey('offer-submit'),
          onPressed: _submit,
          child: Text(l10n.text('offerSend')),
        ),
      ],
    );
  }
}
