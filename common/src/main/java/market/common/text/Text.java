package market.common.text;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * User text under {@link TextRules}: {@code min..max} code points after NFC, no lone surrogates, no
 * control characters, and for {@code singleLine} (names, titles, keywords) no line breaks or bidi
 * controls. Null is valid; pair with {@code @NotNull}/{@code @NotBlank} where the text is required.
 */
@Documented
@Constraint(validatedBy = TextValidator.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface Text {

    int min() default 0;

    int max();

    boolean singleLine() default false;

    String message() default "is not acceptable text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
