package market.product.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Hand-written JSON for what the feed writes most, byte for byte what Jackson's defaults write here (checked
 * by ResponseJsonTest). In a JFR profile of the feed, timestamps (three per listing, formatted through
 * {@link DateTimeFormatter}, whose fraction printing does BigDecimal arithmetic) took about a sixth of the
 * service's CPU, and the reflective record serializer most of the rest of the JSON time.
 */
@Singleton
public class ResponseJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("market-product-json")
                .addSerializer(OffsetDateTime.class, new TimestampWriter())
                .addSerializer(ProductViews.Summary.class, new SummaryWriter()));
    }

    @Override
    public int priority() {
        // After Quarkus registers the JavaTimeModule (the module registered last wins).
        return MINIMUM_PRIORITY;
    }

    /** ISO-8601 in UTC: seconds always, the fraction without trailing zeros, none when zero. */
    static String format(OffsetDateTime value) {
        LocalDateTime t = value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value.withOffsetSameInstant(ZoneOffset.UTC));
        }
        char[] b = new char[30];
        digits(b, 0, year, 4);
        b[4] = '-';
        digits(b, 5, t.getMonthValue(), 2);
        b[7] = '-';
        digits(b, 8, t.getDayOfMonth(), 2);
        b[10] = 'T';
        digits(b, 11, t.getHour(), 2);
        b[13] = ':';
        digits(b, 14, t.getMinute(), 2);
        b[16] = ':';
        digits(b, 17, t.getSecond(), 2);
        int end = 19;
        int nano = t.getNano();
        if (nano != 0) {
            b[19] = '.';
            digits(b, 20, nano, 9);
            end = 29;
            while (b[end - 1] == '0') {
                end--;
            }
        }
        b[end++] = 'Z';
        return new String(b, 0, end);
    }

    private static void digits(char[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    static final class TimestampWriter extends StdSerializer<OffsetDateTime> {

        TimestampWriter() {
            super(OffsetDateTime.class);
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format(value));
        }
    }

    /** A feed item, fields in the record's order like Jackson's record serializer. */
    static final class SummaryWriter extends StdSerializer<ProductViews.Summary> {

        SummaryWriter() {
            super(ProductViews.Summary.class);
        }

        @Override
        public void serialize(ProductViews.Summary s, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("id", s.id());
            gen.writeStringField("title", s.title());
            gen.writeNumberField("price", s.price());
            gen.writeBooleanField("negotiable", s.negotiable());
            gen.writeStringField("category", s.category());
            gen.writeStringField("region", s.region());
            gen.writeStringField("regionCode", s.regionCode());
            gen.writeStringField(
                    "status", s.status() == null ? null : s.status().name());
            gen.writeStringField("buyerId", s.buyerId());
            gen.writeFieldName("seller");
            if (s.seller() == null) {
                gen.writeNull();
            } else {
                gen.writeStartObject();
                gen.writeStringField("id", s.seller().id());
                gen.writeStringField("nickname", s.seller().nickname());
                gen.writeFieldName("mannerTemperature");
                if (s.seller().mannerTemperature() == null) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(s.seller().mannerTemperature());
                }
                gen.writeEndObject();
            }
            gen.writeStringField("thumbnailUrl", s.thumbnailUrl());
            gen.writeNumberField("likeCount", s.likeCount());
            gen.writeNumberField("chatCount", s.chatCount());
            gen.writeNumberField("commentCount", s.commentCount());
            gen.writeNumberField("viewCount", s.viewCount());
            gen.writeBooleanField("liked", s.liked());
            timestamp(gen, "createdAt", s.createdAt());
            timestamp(gen, "updatedAt", s.updatedAt());
            timestamp(gen, "bumpedAt", s.bumpedAt());
            gen.writeNumberField("version", s.version());
            gen.writeBooleanField("hidden", s.hidden());
            gen.writeEndObject();
        }

        private static void timestamp(JsonGenerator gen, String name, OffsetDateTime t) throws IOException {
            gen.writeStringField(name, t == null ? null : format(t));
        }
    }
}
