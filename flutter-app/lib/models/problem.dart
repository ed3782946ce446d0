class FieldError {
  const FieldError({required this.field, required this.message});

  final String field;
  final String message;

  factory FieldError.fromJson(Map<String, dynamic> json) {
    return FieldError(
      field: json['field'] as String,
      message: json['message'] as String,
    );
  }
}

/// RFC 9457 `application/problem+json`, the body of every error the services return.
class Problem {
  const Problem({
    required this.type,
    required this.title,
    required this.status,
    this.detail,
    this.errors = const <FieldError>[],
  });

  final String type;
  final String title;
  final int status;
  final String? detail;
  final List<FieldError> errors;

  factory Problem.fromJson(Map<String, dynamic> json) {
    return Problem(
      type: json['type'] as String? ?? 'about:blank',
      title: json['title'] as String,
      status: json['status'] as int,
      detail: json['detail'] as String?,
      errors: (json['errors'] as List<dynamic>?)
              ?.map((e) => FieldError.fromJson(e as Map<String, dynamic>))
              .toList() ??
          const <FieldError>[],
    );
  }
}
