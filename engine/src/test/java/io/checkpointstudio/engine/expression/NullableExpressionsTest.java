package io.checkpointstudio.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NullableExpressionsTest {
    private static final Set<String> NULLABLE = Set.of("name", "city");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '#', value = {
            "name                                  # true",
            "(name)                                # true",
            "(String) name                         # true",
            "null                                  # true",
            "loggedIn ? name : \"guest\"           # true",
            "loggedIn ? null : \"x\"               # true",
            "coalesce(name, city)                  # true",
            "label                                 # false",
            "\"user-\" + name                      # false",
            "name.toUpperCase()                    # false",
            "coalesce(name, \"none\")              # false",
            "name == null ? \"none\" : name        # false",
            "name != null ? name : \"none\"        # false",
            "!(name == null) ? name : \"none\"     # false",
            "name != null && city != null ? city : \"none\" # false",
            "name != null || city != null ? city : \"none\" # true",
            "dateOf(ts)                            # false",
            "name +                                # false"})
    void canBeNull(String expression, boolean expected) {
        assertThat(NullableExpressions.canBeNull(expression, NULLABLE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '#', value = {
            "name != null                          # name",
            "null != name && amount > 0            # name",
            "(name != null) && (city != null)      # city name",
            "!(name == null)                       # name",
            "name != null || city != null          # -",
            "name == null                          # -",
            "amount > 0                            # -"})
    void notNullWhereTrue(String condition, String fields) {
        Set<String> expected = fields.equals("-") ? Set.of() : Set.of(fields.split(" "));
        assertThat(NullableExpressions.notNullWhereTrue(condition)).isEqualTo(expected);
    }
}
