package market.common.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class TextValidator implements ConstraintValidator<Text, String> {

    private int min;
    private int max;
    private boolean singleLine;

    @Override
    public void initialize(Text text) {
        this.min = text.min();
        this.max = text.max();
        this.singleLine = text.singleLine();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        String violation = TextRules.violation(value, min, max, singleLine);
        if (violation == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // the message is ours, not a template: braces in it must not be interpolated
        context.buildConstraintViolationWithTemplate(
                        violation.replace("{", "\\{").replace("$", "\\$"))
                .addConstraintViolation();
        return false;
    }
}
