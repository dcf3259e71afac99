package io.checkpointstudio.engine.connector.postgres;

import static io.checkpointstudio.engine.runtime.JobHarness.chain;
import static io.checkpointstudio.engine.runtime.JobHarness.map;
import static io.checkpointstudio.engine.runtime.JobHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A password never appears in a job: validation refuses a JDBC URL that carries one, naming the field and the fix. */
class PostgresSinkUrlTest {

    @Test
    void aPasswordInTheUrl_isRefusedNamingUrlAndPasswordEnv_withoutRepeatingIt() {
        for (String url : List.of(
                "jdbc:postgresql://127.0.0.1:5432/test?password=s3cr3t",
                "jdbc:postgresql://127.0.0.1:5432/test?user=app&PASSWORD=s3cr3t",
                "jdbc:postgresql://127.0.0.1/test?ssl=true&sslpassword=s3cr3t",
                "jdbc:postgresql://127.0.0.1/test?pass%77ord=s3cr3t",
                "jdbc:postgresql://app:s3cr3t@127.0.0.1:5432/test",
                "jdbc:postgresql://app:s3cr3t@127.0.0.1?ssl=true")) {
            List<Problem> problems = problems(url);

            assertThat(problems).as("problems of %s", url).singleElement().satisfies(p -> {
                assertThat(p.isError()).isTrue();
                assertThat(p.path()).endsWith("url");
                assertThat(p.message()).contains("params.passwordEnv").doesNotContain("s3cr3t");
            });
        }
    }

    @Test
    void aUrlWithoutCredentials_passes() {
        for (String url : List.of(
                "jdbc:postgresql://127.0.0.1:5432/test",
                "jdbc:postgresql://127.0.0.1:5432/test?ssl=true&user=app&ApplicationName=studio",
                "jdbc:postgresql://db1:5432,db2:5433/test?targetServerType=primary",
                "jdbc:postgresql://[::1]:5432/test?sslmode=require")) {
            assertThat(problems(url)).as("problems of %s", url).isEmpty();
        }
    }

    @Test
    void secretInUrl_describesWhatWithoutTheValue() {
        assertThat(PostgresConnect.secretInUrl("jdbc:postgresql://h/db?password=x")).isEqualTo("a password (the parameter 'password')");
        assertThat(PostgresConnect.secretInUrl("jdbc:postgresql://u:x@h/db")).isEqualTo("a user name (and password) before '@'");
        assertThat(PostgresConnect.secretInUrl("jdbc:postgresql://h/db?user=u@example")).isNull(); // an @ after the host is no user info
    }

    private static List<Problem> problems(String url) {
        return JobValidator.standard().validate(chain(map(),
                op("numbers", "datagen-sequence", "from", 1, "to", 10),
                op("out", PostgresSink.TYPE, "url", url, "table", "numbers", "mode", "APPEND"))).problems();
    }
}
