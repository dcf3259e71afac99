package io.checkpointstudio.engine.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointstudio.engine.connector.kafka.ClickProducer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The facade against the real servers: Kafka, PostgreSQL and S3 started once for the class in a data folder of its
 * own (any free ports), then reused by a second facade, listed, killed with SIGKILL and recovered, stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalServicesTest {
    private static Path home;
    private static LocalServices services;
    private static final List<ServiceState> seen = new CopyOnWriteArrayList<>();
    private static Map<ServiceKind, ServiceState> started;

    @BeforeAll
    static void startAll() throws Exception {
        home = TestHomes.newHome("local-services");
        services = new LocalServices(TestHomes.settings(home));
        services.subscribe(seen::add);
        started = services.start(EnumSet.allOf(ServiceKind.class));
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (services != null) {
            services.stop(EnumSet.allOf(ServiceKind.class));
        }
        TestHomes.delete(home);
    }

    @Test
    @Order(1)
    void startAll_eachRunsAndAnswers_withProgressLinesOnTheWay() throws Exception {
        for (ServiceKind k : ServiceKind.values()) {
            assertThat(started.get(k)).as("%s: %s", k, started.get(k) instanceof ServiceState.Failed f ? f.describe() : "")
                    .isInstanceOf(ServiceState.Running.class);
            assertThat(services.status(k)).isEqualTo(started.get(k));
        }
        ServiceState.Running kafka = (ServiceState.Running) started.get(ServiceKind.KAFKA);
        ServiceState.Running pg = (ServiceState.Running) started.get(ServiceKind.POSTGRES);
        ServiceState.Running s3 = (ServiceState.Running) started.get(ServiceKind.S3);
        assertThat(kafka.address()).isEqualTo("127.0.0.1:" + kafka.port());
        assertThat(pg.address()).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres");
        assertThat(s3.address()).isEqualTo("http://127.0.0.1:" + s3.port());
        assertThat(seen).filteredOn(s -> s instanceof ServiceState.Starting).extracting(ServiceState::kind).contains(ServiceKind.values());
        assertThat(seen.stream().filter(s -> s instanceof ServiceState.Starting st && st.kind() == ServiceKind.POSTGRES)
                .flatMap(s -> ((ServiceState.Starting) s).progress().stream())).anyMatch(l -> l.contains("creating its database cluster"));

        // PostgreSQL: a real server with prepared transactions (Flink's XA sink needs them)
        try (Connection c = PostgresServer.connect(pg.port(), 5); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SHOW max_prepared_transactions");
            rs.next();
            assertThat(rs.getInt(1)).isPositive();
        }
        // S3: the bucket is there and takes an object
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(s3.address() + "/checkpoint-studio/hello.txt"))
                .PUT(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(s3.address() + "/checkpoint-studio/hello.txt")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("hello");
        assertThat(home.resolve("s3/data/checkpoint-studio/hello.txt")).hasContent("hello");
        // only loopback
        assertThat(services.logs(ServiceKind.POSTGRES, 50)).anyMatch(l -> l.contains("listening on IPv4 address \"127.0.0.1\""));
    }

    @Test
    @Order(2)
    void aSecondFacadeWithTheSameFolder_reusesTheRunningServers() throws Exception {
        LocalServices other = new LocalServices(TestHomes.settings(home));
        for (ServiceKind k : ServiceKind.values()) {
            ServiceState.Running first = (ServiceState.Running) started.get(k);
            ServiceState.Running again = other.start(k);
            assertThat(again.pid()).as("%s reused", k).isEqualTo(first.pid());
            assertThat(again.address()).isEqualTo(first.address());
        }
    }

    @Test
    @Order(3)
    void topicsWithEndOffsets_andTablesWithRowCounts() throws Exception {
        ServiceState.Running kafka = (ServiceState.Running) services.status(ServiceKind.KAFKA);
        ClickProducer.produce(kafka.address(), "clicks", 1000, 10, 42, 0);
        List<KafkaTopic> topics = services.kafkaTopics();
        assertThat(topics).extracting(KafkaTopic::name).containsExactly("clicks");
        assertThat(topics.get(0).partitions()).hasSize(4); // the local broker's default for new topics
        assertThat(topics.get(0).totalEndOffset()).isEqualTo(1000);

        ServiceState.Running pg = (ServiceState.Running) services.status(ServiceKind.POSTGRES);
        try (Connection c = PostgresServer.connect(pg.port(), 5); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE counted (id int)");
            s.execute("INSERT INTO counted SELECT generate_series(1, 37)");
        }
        assertThat(services.postgresTables()).contains(new PostgresTable("public", "counted", 37));
    }

    @Test
    @Order(4)
    void brokerKilledWithSigkill_isReportedFailed_thenStartsAgainOnItsPortWithItsData() throws Exception {
        ServiceState.Running before = (ServiceState.Running) services.status(ServiceKind.KAFKA);
        ProcessHandle broker = ProcessHandle.of(before.pid()).orElseThrow();
        broker.destroyForcibly();
        broker.onExit().get(30, TimeUnit.SECONDS);

        ServiceState state = services.status(ServiceKind.KAFKA);
        assertThat(state).isInstanceOf(ServiceState.Failed.class);
        ServiceState.Failed failed = (ServiceState.Failed) state;
        assertThat(failed.reason()).contains("pid " + before.pid()).contains("ended without being stopped");
        assertThat(failed.lastLogLines()).isNotEmpty();
        assertThat(failed.whatToDo()).contains("services start kafka");

        ServiceState.Running after = services.start(ServiceKind.KAFKA);
        assertThat(after.pid()).isNotEqualTo(before.pid());
        assertThat(after.port()).as("back on the port its clients know").isEqualTo(before.port());
        assertThat(services.kafkaTopics()).extracting(KafkaTopic::name).containsExactly("clicks");
        assertThat(services.kafkaTopics().get(0).totalEndOffset()).as("the records survived").isEqualTo(1000);
    }

    @Test
    @Order(5)
    void stop_endsTheProcess_andStatusSaysStopped() throws Exception {
        ServiceState.Running s3 = (ServiceState.Running) services.status(ServiceKind.S3);
        services.stop(ServiceKind.S3);
        assertThat(ProcessHandle.of(s3.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(services.status(ServiceKind.S3)).isEqualTo(new ServiceState.Stopped(ServiceKind.S3));
        assertThat(seen).contains(new ServiceState.Stopped(ServiceKind.S3));
        services.stop(ServiceKind.S3); // stopping a stopped service is fine
    }
}
