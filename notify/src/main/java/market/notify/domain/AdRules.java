package market.notify.domain;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * 정보통신망법 §50 as it applies to our ads: the title starts with "(광고)", the message says how to opt
 * out, only users who consented receive it, and between 21:00 and 08:00 KST only those who also gave
 * night-time consent; everyone else gets it at 08:00.
 */
public final class AdRules {

    public static final ZoneId KST = ZoneId.of("Asia/Seoul");
    public static final String TITLE_PREFIX = "(광고) ";
    public static final String OPT_OUT = "수신거부: 앱 설정 > 알림 설정 > 마케팅 알림 끄기";
    private static final LocalTime NIGHT_START = LocalTime.of(21, 0);
    private static final LocalTime NIGHT_END = LocalTime.of(8, 0);

    private AdRules() {}

    public static boolean isNight(Instant at) {
        LocalTime t = at.atZone(KST).toLocalTime();
        return !t.isBefore(NIGHT_START) || t.isBefore(NIGHT_END);
    }

    /** The next 08:00 KST at or after {@code at}. */
    public static Instant nextMorning(Instant at) {
        ZonedDateTime z = at.atZone(KST);
        ZonedDateTime morning = z.toLocalDate().atTime(NIGHT_END).atZone(KST);
        if (morning.toInstant().isBefore(at)) {
            morning = morning.plusDays(1);
        }
        return morning.toInstant();
    }

    public static String title(String title) {
        return title.startsWith(TITLE_PREFIX.strip()) ? title : TITLE_PREFIX + title;
    }

    public static String body(String body) {
        return body + "\n" + OPT_OUT;
    }
}
