package market.product.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import market.common.text.Text;
import market.product.domain.Rating;
import market.product.domain.ReviewChip;

/** chips: codes of {@link ReviewChip} (an unknown code is a 400), each once, fitting the rating. */
public record ReviewInput(
        @NotNull Rating rating,
        @Text(max = 1000) String comment,
        @Size(max = 10) List<ReviewChip> chips) {}
