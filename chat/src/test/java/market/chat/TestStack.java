package market.chat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import market.testing.OidcServerResource;
import market.testing.PostgresResource;
import market.testing.RedisResource;

/** The real dependencies every @QuarkusTest of this module runs against, plus fake product and notify. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "chat"))
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(OidcServerResource.class)
@QuarkusTestResource(FakeUpstreams.class)
public final class TestStack {
    private TestStack() {}
}
