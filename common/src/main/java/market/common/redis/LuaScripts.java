package market.common.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What every Redis Lua script of the services needs: its SHA-1 for EVALSHA, and telling the NOSCRIPT answer (the
 * script is not loaded yet: first use, or after a Redis restart; then EVAL loads it) from a real failure.
 */
public final class LuaScripts {

    private LuaScripts() {}

    /** The script's SHA-1 in hex, as EVALSHA takes it. */
    public static String sha1(String script) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether Redis answered NOSCRIPT (send the script with EVAL instead). */
    public static boolean notLoaded(Throwable e) {
        return e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
    }
}
