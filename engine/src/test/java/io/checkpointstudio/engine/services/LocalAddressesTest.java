package io.checkpointstudio.engine.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointstudio.engine.job.JobDocument;
import io.checkpointstudio.engine.job.JobDocuments;
import io.checkpointstudio.engine.job.JobValidator;
import io.checkpointstudio.engine.job.Problem;
import io.checkpointstudio.engine.job.ValidatedJob;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The address {@code local}: accepted by validation, resolved for a run only, never written back; other addresses untouched. */
class LocalAddressesTest {

    private static JobDocument guide() {
        return JobDocuments.read(Path.of("../sample-jobs/clicks-kafka-to-postgres.job.json")).document().orElseThrow();
    }

    @Test
    void theGuidesSample_saysLocal_andValidates() {
        JobDocument doc = guide();
        assertThat(doc.operator("clicks").orElseThrow().params()).containsEntry("bootstrapServers", "local");
        assertThat(doc.operator("out").orElseThrow().params()).containsEntry("url", "local");
        JobValidator.Result result = JobValidator.standard().validate(doc);
        assertThat(result.errors()).isEmpty();
        assertThat(LocalAddresses.needed(result.job().orElseThrow())).containsExactlyInAnyOrder(ServiceKind.KAFKA, ServiceKind.POSTGRES);
    }

    @Test
    void aUrlThatIsNeitherJdbcNorLocal_isAnErrorThatMentionsLocal() {
        JobDocument doc = guide();
        doc = doc.withOperator(doc.operator("out").orElseThrow().withParam("url", "localhost"));
        assertThat(JobValidator.standard().validate(doc).errors()).extracting(Problem::message)
                .anyMatch(m -> m.contains("must start with jdbc:postgresql://") && m.contains("or be local"));
    }

    @Test
    void resolvedAddresses_goIntoTheRunsCopyOnly() throws Exception {
        ValidatedJob job = JobValidator.standard().validate(guide()).orThrow();
        ValidatedJob resolved = LocalAddresses.withAddresses(job,
                Map.of(ServiceKind.KAFKA, "127.0.0.1:19092", ServiceKind.POSTGRES, "jdbc:postgresql://127.0.0.1:15432/postgres"));

        assertThat(resolved.operator("clicks").orElseThrow().params().getString("bootstrapServers")).isEqualTo("127.0.0.1:19092");
        assertThat(resolved.operator("out").orElseThrow().params().getString("url")).isEqualTo("jdbc:postgresql://127.0.0.1:15432/postgres");
        assertThat(resolved.document().operator("out").orElseThrow().params()).containsEntry("url", "jdbc:postgresql://127.0.0.1:15432/postgres");
        assertThat(LocalAddresses.needed(resolved)).isEmpty();
        // the job it came from still says local
        assertThat(job.operator("clicks").orElseThrow().params().getString("bootstrapServers")).isEqualTo("local");
        assertThat(job.document().operator("out").orElseThrow().params()).containsEntry("url", "local");
        assertThat(JobDocuments.parse(JobDocuments.toJson(job.document())).document().orElseThrow().operator("out").orElseThrow().params())
                .containsEntry("url", "local");
    }

    @Test
    void aJobWithRealAddresses_isReturnedAsIs_withoutAskingTheServices(@TempDir Path nowhere) throws Exception {
        JobDocument doc = guide();
        doc = doc.withOperator(doc.operator("clicks").orElseThrow().withParam("bootstrapServers", "broker.example.org:9092"));
        doc = doc.withOperator(doc.operator("out").orElseThrow().withParam("url", "jdbc:postgresql://db.example.org:5432/x"));
        ValidatedJob job = JobValidator.standard().validate(doc).orThrow();
        // services that could not start anything (no servers there): resolving must not try
        LocalServices none = new LocalServices(TestHomes.settings(nowhere.resolve("home")).withServers(nowhere.resolve("no-servers")));

        assertThat(LocalAddresses.resolve(job, none)).isSameAs(job);
        assertThat(nowhere.resolve("home")).doesNotExist();
    }

    @Test
    void aServiceThatCannotStart_failsTheResolutionWithItsReason(@TempDir Path nowhere) throws Exception {
        ValidatedJob job = JobValidator.standard().validate(guide()).orThrow();
        LocalServices broken = new LocalServices(TestHomes.settings(nowhere.resolve("home")).withServers(nowhere.resolve("no-servers")));

        assertThatThrownBy(() -> LocalAddresses.resolve(job, broken))
                .isInstanceOf(ServiceException.class).hasMessageContaining("are not in " + nowhere.resolve("no-servers"));
    }
}
