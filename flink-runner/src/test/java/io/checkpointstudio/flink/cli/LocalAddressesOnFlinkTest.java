package io.checkpointstudio.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.services.LocalServices;
import io.checkpointstudio.engine.services.ServiceKind;
import io.checkpointstudio.engine.services.ServiceState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flink run} and {@code flink export} resolve {@code "url": "local"} as the engine does: the studio's local
 * PostgreSQL (this module's test data folder, any free port), started when needed; export writes the resolved
 * address and warns that a cluster cannot reach a laptop's local services.
 */
class LocalAddressesOnFlinkTest {
    @TempDir
    Path dir;

    @AfterAll
    static void stopTheLocalServices() throws Exception {
        LocalServices.shared().stop(ServiceKind.POSTGRES);
    }

    private Path job(String table) throws Exception {
        Path file = dir.resolve("local.job.json");
        Files.writeString(file, """
                {"format": "checkpoint-studio/job@1", "name": "%s", "config": {"execution.checkpointing.interval": "200ms"},
                 "operators": [
                   {"id": "numbers", "type": "datagen-sequence", "params": {"from": 0, "to": 99}},
                   {"id": "out", "type": "postgres-sink", "params": {"url": "local", "table": "%s", "mode": "UPSERT",
                     "upsertKey": "value", "semantic": "EXACTLY_ONCE"}}],
                 "edges": [["numbers", "out"]]}
                """.formatted(table.replace('_', '-'), table));
        return file;
    }

    @Test
    void flinkRun_local_writesIntoTheLocalPostgres() throws Exception {
        String table = "flink_local_" + Long.toString(System.nanoTime(), 36);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = FlinkMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", job(table).toString());

        assertThat(exit).as("%s%n%s", out, err).isZero();
        ServiceState.Running pg = (ServiceState.Running) LocalServices.shared().status(ServiceKind.POSTGRES);
        assertThat(err.toString()).contains("\"local\" PostgreSQL is " + pg.address() + " on this machine").doesNotContain("warning");
        assertThat(out.toString()).contains("rows in table " + table + " at 127.0.0.1:" + pg.port());
        try (Connection c = DriverManager.getConnection(pg.address(), "postgres", null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), sum(value) FROM " + table)) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(100);
            assertThat(rs.getLong(2)).isEqualTo(99 * 100 / 2);
        }
    }

    @Test
    void flinkExport_local_writesTheResolvedAddress_andWarnsThatAClusterCannotReachIt() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path project = dir.resolve("project");

        int exit = FlinkMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), "export", job("flink_local_export").toString(),
                "--out", project.toString());

        assertThat(exit).as("%s%n%s", out, err).isZero();
        ServiceState.Running pg = (ServiceState.Running) LocalServices.shared().status(ServiceKind.POSTGRES);
        assertThat(err.toString()).contains("warning: \"local\" PostgreSQL is " + pg.address() + " on this machine")
                .contains("a Flink cluster on other machines cannot reach the local services of this one");
        String main = Files.readString(project.resolve("src/main/java/checkpointstudio/export/Main.java"));
        assertThat(main).contains("\"" + pg.address() + "\"").doesNotContain("\"local\"");
    }
}
