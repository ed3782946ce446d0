/// A chat message (`GET /api/chat/rooms/{id}/messages`), ascending by id within its room.
class ChatMessage {
  const ChatMessage({
    required this.id,
    required this.roomId,
    this.senderId,
    required this.type,
    required this.content,
    this.clientMsgId,
    required this.sentAt,
  });

  final int id;
  final int roomId;

  /// Null for SYSTEM messages.
  final String? senderId;

  /// TEXT, APPOINTMENT or SYSTEM.
  final String type;
  final String content;
  final String? clientMsgId;
  final DateTime sentAt;

  factory ChatMessage.fromJson(Map<String, dynamic> json) {
    return ChatMessage(
      id: json['id'] as int,
      roomId: json['roomId'] as int,
      senderId: json['senderId'] as String?,
      type: json['type'] as String,
      content: json['content'] as String,
      clientMsgId: json['clientMsgId'] as String?,
      sentAt: DateTime.parse(json['sentAt'] as String),
    );
  }
}
