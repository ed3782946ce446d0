/// What a report (신고) is about; [wire] is the value the API takes.
enum ReportTarget {
  listing('LISTING'),
  user('USER'),
  comment('COMMENT'),
  message('MESSAGE');

  const ReportTarget(this.wire);

  final String wire;

  static ReportTarget parse(String value) {
    for (final target in values) {
      if (target.wire == value) {
        return target;
      }
    }
    throw FormatException('unknown report target', value);
  }
}

/// Why; OTHER needs a text.
enum ReportReason {
  prohibitedItem('PROHIBITED_ITEM'),
  fraud('FRAUD'),
  abuse('ABUSE'),
  spam('SPAM'),
  other('OTHER');

  const ReportReason(this.wire);

  final String wire;

  static ReportReason parse(String value) {
    for (final reason in values) {
      if (reason.wire == value) {
        return reason;
      }
    }
    throw FormatException('unknown report reason', value);
  }
}

/// A report as its reporter sees it (`POST /api/reports` → 201, or 200 with my open report on that target).
class Report {
  const Report({
    required this.id,
    required this.targetType,
    required this.targetId,
    required this.reason,
    this.text,
    required this.status,
    required this.createdAt,
  });

  final int id;
  final ReportTarget targetType;

  /// A string for every type: a listing's, comment's or message's decimal id, or a user's id.
  final String targetId;
  final ReportReason reason;
  final String? text;

  /// OPEN, RESOLVED or DISMISSED.
  final String status;
  final DateTime createdAt;

  factory Report.fromJson(Map<String, dynamic> json) {
    return Report(
      id: json['id'] as int,
      targetType: ReportTarget.parse(json['targetType'] as String),
      targetId: json['targetId'] as String,
      reason: ReportReason.parse(json['reason'] as String),
      text: json['text'] as String?,
      status: json['status'] as String,
      createdAt: DateTime.parse(json['createdAt'] as String),
    );
  }
}
