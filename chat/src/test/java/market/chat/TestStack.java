package market.chat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import market.testing.OidcServerResource;
import market.testing.PostgresResource;
import market.testing.RedisResource;
import market.testing.S3Resource;

/** The real dependencies every @QuarkusTest of this module runs against, plus fake product and notify. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "chat"))
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(
        value = S3Resource.class,
        initArgs = @ResourceArg(name = S3Resource.BUCKET_PROPERTY, value = "market.chat.bucket"))
@QuarkusTestResource(OidcServerResource.class)
@QuarkusTestResource(FakeUpstreams.class)
public final class TestStack {
    private TestStack() {}
}
