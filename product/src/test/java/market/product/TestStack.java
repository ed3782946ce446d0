package market.product;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import market.testing.OidcServerResource;
import market.testing.PostgresResource;
import market.testing.RedisResource;
import market.testing.S3Resource;

/** The real dependencies every @QuarkusTest of this module runs against. */
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "product"))
@QuarkusTestResource(RedisResource.class)
@QuarkusTestResource(OidcServerResource.class)
@QuarkusTestResource(S3Resource.class)
@QuarkusTestResource(FakeNotify.class)
@QuarkusTestResource(FakeKeycloakAdmin.class)
@QuarkusTestResource(FakeChat.class)
public final class TestStack {
    private TestStack() {}
}
