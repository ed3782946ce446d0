package market.notify.push;

import java.util.Map;

/** What a push shows (notification title/body) and carries (string data for the app). */
public record PushMessage(String title, String body, Map<String, String> data) {}
