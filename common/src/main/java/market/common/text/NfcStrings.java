package market.common.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * Every JSON string a service reads is normalised to NFC on the way in, so no code path can store or
 * compare a decomposed form; a string that is not Unicode text (a lone surrogate such as the JSON escape of U+D800 alone) is
 * refused here with its field's path, for every field whether or not it carries {@link Text}.
 */
public class NfcStrings extends StdDeserializer<String> {

    public NfcStrings() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String raw = StringDeserializer.instance.deserialize(p, ctxt);
        if (raw == null) {
            return null;
        }
        if (TextRules.hasLoneSurrogate(raw)) {
            throw new BrokenText(p, raw);
        }
        return TextRules.nfc(raw);
    }

    /** A string with a lone surrogate: well-formed JSON, but not text. */
    public static class BrokenText extends InvalidFormatException {

        BrokenText(JsonParser p, String value) {
            super(p, "contains a broken character (a lone UTF-16 surrogate)", value, String.class);
        }
    }
}
