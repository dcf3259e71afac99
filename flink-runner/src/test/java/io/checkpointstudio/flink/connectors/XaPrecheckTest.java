package io.checkpointstudio.flink.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.connector.TestServers;
import io.checkpointstudio.engine.connector.postgres.PostgresConnect;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.ValidatedJob;
import io.checkpointstudio.flink.cli.FlinkMain;
import io.checkpointstudio.flink.connectors.postgres.XaPrecheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks {@code flink run} makes before a job with a postgres-sink goes to Flink: the XA pre-check reads
 * max_prepared_transactions from the sink's server (the tests' embedded one, started with prepared transactions) and decides
 * on it; an APPEND sink with EXACTLY_ONCE is refused with what to do instead.
 */
class XaPrecheckTest {
    @TempDir
    Path dir;

    @Test
    void serverWithoutPreparedTransactions_isAnErrorNamingTheSinkTheServerAndTheFix() {
        assertThat(XaPrecheck.problem("out", "db.example.org:5432", 0)).hasValueSatisfying(message -> assertThat(message)
                .contains("postgres-sink 'out'").contains("EXACTLY_ONCE").contains("XA")
                .contains("PostgreSQL at db.example.org:5432 has max_prepared_transactions = 0")
                .contains("ALTER SYSTEM SET max_prepared_transactions = 16").contains("restart PostgreSQL")
                .contains("params.semantic of 'out' to AT_LEAST_ONCE"));
        assertThat(XaPrecheck.problem("out", "db.example.org:5432", 1)).isEmpty();
    }

    @Test
    void check_readsTheSettingOfTheSinksServer() throws Exception {
        int setting;
        try (Connection c = Servers.postgres(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW max_prepared_transactions")) {
            rs.next();
            setting = Integer.parseInt(rs.getString(1));
        }

        XaPrecheck.Result result = XaPrecheck.check(job(TestServers.PG_URL, "UPSERT", "EXACTLY_ONCE"));

        assertThat(result.warnings()).isEmpty();
        assertThat(result.errors()).isEqualTo(XaPrecheck.problem("out", PostgresConnect.hostPort(TestServers.PG_URL), setting).stream().toList());
        assertThat(setting).as("the tests' server is set up for XA").isPositive();
        assertThat(XaPrecheck.check(job(TestServers.PG_URL, "UPSERT", "AT_LEAST_ONCE"))).isEqualTo(new XaPrecheck.Result(List.of(), List.of()));
    }

    @Test
    void unreachableServer_isOnlyAWarning() throws Exception {
        XaPrecheck.Result result = XaPrecheck.check(job("jdbc:postgresql://127.0.0.1:1/test", "UPSERT", "EXACTLY_ONCE"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).singleElement().asString().contains("postgres-sink 'out'").contains("127.0.0.1:1")
                .contains("max_prepared_transactions");
    }

    @Test
    void flinkRun_appendExactlyOnce_isRefusedWithWhatToDo() throws Exception {
        Path file = dir.resolve("append.job.json");
        Files.writeString(file, json(TestServers.PG_URL, "APPEND", "EXACTLY_ONCE"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        int rc;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            rc = FlinkMain.execute("run", file.toString());
        } finally {
            System.setErr(previous);
        }

        assertThat(rc).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("postgres-sink 'out'").contains("params.mode APPEND")
                .contains("params.semantic EXACTLY_ONCE").contains("UPSERT").contains("AT_LEAST_ONCE");
    }

    private static ValidatedJob job(String url, String mode, String semantic) throws Exception {
        return JobValidator.standard().validate(JobDocuments.parse(json(url, mode, semantic)).document().orElseThrow()).orThrow();
    }

    private static String json(String url, String mode, String semantic) {
        return """
                {"format": "checkpoint-studio/job@1", "name": "precheck", "config": {},
                 "operators": [
                   {"id": "numbers", "type": "datagen-sequence", "params": {"from": 0, "to": 9}},
                   {"id": "out", "type": "postgres-sink", "params": {"url": "%s", "table": "precheck_never_written", "mode": "%s",
                     "upsertKey": "value", "semantic": "%s"}}],
                 "edges": [["numbers", "out"]]}
                """.formatted(url, mode, semantic);
    }
}
