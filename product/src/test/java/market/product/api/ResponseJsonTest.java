package market.product.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import market.common.api.Page;
import market.product.domain.ProductStatus;
import org.junit.jupiter.api.Test;

class ResponseJsonTest {

    /** Jackson's own serializer as the service was configured before (UTC, ISO strings). */
    private static final ObjectMapper JACKSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setTimeZone(TimeZone.getTimeZone("UTC"));

    private static final ObjectMapper OURS = new ObjectMapper();

    static {
        new ResponseJson().customize(OURS);
    }

    @Test
    void writesWhatJacksonWrites() throws Exception {
        Random random = new Random(42);
        long[] nanos = {
            0,
            1,
            100_000_000,
            120_000_000,
            123_000_000,
            123_400_000,
            123_456_000,
            123_456_700,
            999_999_999,
            10_000,
            500_000,
            7
        };
        ZoneOffset[] offsets = {ZoneOffset.UTC, ZoneOffset.ofHours(9), ZoneOffset.ofHoursMinutes(-3, -30)};
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-70_000_000_000L, 260_000_000_000L);
            Instant instant = Instant.ofEpochSecond(
                    seconds,
                    i < nanos.length * 3
                            ? nanos[i % nanos.length]
                            : random.nextBoolean() ? random.nextInt(1_000_000) * 1000L : random.nextInt(1_000_000_000));
            OffsetDateTime t = instant.atOffset(offsets[i % offsets.length]);
            assertEquals(JACKSON.writeValueAsString(t), OURS.writeValueAsString(t), t::toString);
        }
        assertEquals(
                "\"2026-11-26T10:00:00Z\"", OURS.writeValueAsString(OffsetDateTime.parse("2026-11-26T19:00:00+09:00")));
        assertEquals(
                "\"2026-11-26T10:00:00.5Z\"",
                OURS.writeValueAsString(OffsetDateTime.parse("2026-11-26T10:00:00.500Z")));
    }

    @Test
    void writesFeedItemsAsJacksonDoes() throws Exception {
        OffsetDateTime t = OffsetDateTime.parse("2026-11-26T10:00:00.123450Z");
        var full = new ProductViews.Summary(
                1,
                "삼천리 \"자전거\" \\ 팝니다\n",
                0,
                true,
                "SPORTS",
                "역삼1동",
                "1168064000",
                ProductStatus.SOLD,
                "buyer",
                new ProductViews.Seller("s", "닉", new BigDecimal("36.5")),
                "/api/images/k",
                1,
                2,
                3,
                4,
                true,
                t,
                t.plusSeconds(1),
                t.plusNanos(877_000),
                7,
                true);
        var empty = new ProductViews.Summary(
                Long.MAX_VALUE,
                "",
                1_000_000_000,
                false,
                "OTHER",
                "동네",
                null,
                ProductStatus.ON_SALE,
                null,
                new ProductViews.Seller("s", "이웃", new BigDecimal("99.0")),
                null,
                0,
                0,
                0,
                Integer.MAX_VALUE,
                false,
                t,
                t,
                t,
                0,
                false);
        var nulls = new ProductViews.Summary(
                2, null, 5, false, null, null, null, null, null, null, null, 0, 0, 0, 0, false, null, null, null, 0,
                false);
        for (Object value : List.of(
                full,
                empty,
                nulls,
                new Page<>(List.of(full, empty), "abc"),
                new Page<>(List.<ProductViews.Summary>of(), null))) {
            assertEquals(JACKSON.writeValueAsString(value), OURS.writeValueAsString(value));
        }
    }
}
