package market.product.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import market.product.domain.Category;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/categories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "categories", description = "The fixed list of listing categories")
public class CategoryResource {

    public record CategoryView(String code, String name, String nameEn) {}

    private static final List<CategoryView> ALL = Arrays.stream(Category.values())
            .map(c -> new CategoryView(c.code(), c.nameKo(), c.nameEn()))
            .toList();

    @GET
    @PermitAll
    @Operation(summary = "All categories with Korean and English names")
    public List<CategoryView> list() {
        return ALL;
    }
}
