package market.notify;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import market.testing.OidcServerResource;
import market.testing.PostgresResource;

/** The real dependencies every @QuarkusTest of this module runs against. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notify"))
@QuarkusTestResource(OidcServerResource.class)
@QuarkusTestResource(FakeFcmResource.class)
public final class TestStack {
    private TestStack() {}
}
