package market.product.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import market.common.api.ApiException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The HTTP limit is sized for ten 10 MB photos; JSON bodies of this API are a few KB at most, so a huge
 * one is refused before it is parsed.
 */
public class JsonBodyLimit {

    public static final long MAX_JSON_BYTES = 64 * 1024;

    @ServerRequestFilter
    public void limit(ContainerRequestContext ctx) {
        MediaType type = ctx.getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && ctx.getLength() > MAX_JSON_BYTES) {
            throw new ApiException(413, "Content Too Large", "JSON bodies may be at most 64 KB");
        }
    }
}
