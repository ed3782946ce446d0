import '../models/problem.dart';

/// A failed API call: the problem+json the service returned, or a transport failure (no [problem]).
class ApiException implements Exception {
  const ApiException({this.statusCode, this.problem, required this.message});

  final int? statusCode;
  final Problem? problem;
  final String message;

  bool get isUnauthorized => statusCode == 401;
  bool get isNotFound => statusCode == 404;
  bool get isConflict => statusCode == 409 || statusCode == 412;
  bool get isNetwork => statusCode == null;

  @override
  String toString() => 'ApiException($statusCode): $message';
}
