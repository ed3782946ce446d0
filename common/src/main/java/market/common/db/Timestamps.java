package market.common.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps read by native queries (Instant, OffsetDateTime or java.sql.Timestamp depending on the driver
 * path) as UTC OffsetDateTime, and the microsecond form keyset cursors carry (PostgreSQL's precision).
 */
public final class Timestamps {

    private Timestamps() {}

    public static OffsetDateTime odt(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }

    public static long micros(OffsetDateTime t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t.toInstant());
    }

    public static OffsetDateTime fromMicros(long micros) {
        return OffsetDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
