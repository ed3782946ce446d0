/// A chat message (`GET /api/chat/rooms/{id}/messages`), ascending by id within its room.
class ChatMessage {
  const ChatMessage({
    required this.id,
    required this.roomId,
    this.senderId,
    required this.type,
    required this.content,
    this.offer,
    this.clientMsgId,
    required this.sentAt,
  });

  final int id;
  final int roomId;

  /// Null for SYSTEM messages.
  final String? senderId;

  /// TEXT, APPOINTMENT, OFFER (가격 제안) or SYSTEM.
  final String type;
  final String content;

  /// On an OFFER message the offer's current state; on the SYSTEM message recording a change (accepted,
  /// declined, withdrawn) the state that change made. Null on every other message.
  final ChatOffer? offer;
  final String? clientMsgId;
  final DateTime sentAt;

  factory ChatMessage.fromJson(Map<String, dynamic> json) {
    return ChatMessage(
      id: json['id'] as int,
      roomId: json['roomId'] as int,
      senderId: json['senderId'] as String?,
      type: json['type'] as String,
      content: json['content'] as String,
      offer: switch (json['offer'] as Map<String, dynamic>?) {
        final Map<String, dynamic> o => ChatOffer.fromJson(o),
        null => null,
      },
      clientMsgId: json['clientMsgId'] as String?,
      sentAt: DateTime.parse(json['sentAt'] as String),
    );
  }
}

/// 가격 제안: the amount a buyer offered (KRW) and where it stands. [offerId] is the OFFER message's id.
class ChatOffer {
  const ChatOffer({required this.offerId, required this.amount, required this.status});

  final int offerId;
  final int amount;

  /// PENDING, ACCEPTED, DECLINED or WITHDRAWN.
  final String status;

  bool get isPending => status == 'PENDING';

  factory ChatOffer.fromJson(Map<String, dynamic> json) {
    return ChatOffer(
      offerId: json['offerId'] as int,
      amount: json['amount'] as int,
      status: json['status'] as String,
    );
  }
}
