/// Build-time configuration (`flutter run --dart-define=API_BASE_URL=...`).
class AppConfig {
  const AppConfig({
    required this.apiBaseUrl,
    required this.issuer,
    this.clientId = 'market-app',
    this.redirectUrl = 'kr.ddangn.market:/oauth2redirect',
  });

  /// The gateway origin. The emulator reaches the host's loopback as 10.0.2.2.
  static const String defaultApiBaseUrl = 'http://10.0.2.2:8080';

  factory AppConfig.fromEnvironment() {
    const base = String.fromEnvironment('API_BASE_URL', defaultValue: defaultApiBaseUrl);
    const issuer = String.fromEnvironment('AUTH_ISSUER');
    return AppConfig.forBaseUrl(base, issuer: issuer.isEmpty ? null : issuer);
  }

  factory AppConfig.forBaseUrl(String baseUrl, {String? issuer}) {
    final base = baseUrl.endsWith('/') ? baseUrl.substring(0, baseUrl.length - 1) : baseUrl;
    return AppConfig(apiBaseUrl: base, issuer: issuer ?? '$base/auth/realms/market');
  }

  final String apiBaseUrl;

  /// Keycloak realm issuer; by default Keycloak behind the gateway at `/auth`.
  final String issuer;
  final String clientId;
  final String redirectUrl;

  /// AppAuth refuses plain-http identity providers unless told otherwise; local stacks are http.
  bool get allowInsecureConnections =>
      apiBaseUrl.startsWith('http://') || issuer.startsWith('http://');

  /// Image URLs in API responses are paths on the gateway (`/api/images/...`).
  String resolveUrl(String url) => Uri.parse('$apiBaseUrl/').resolve(url).toString();
}
