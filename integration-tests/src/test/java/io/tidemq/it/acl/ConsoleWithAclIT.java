package io.tidemq.it.acl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidemq.console.ConsoleConfig;
import io.tidemq.console.ConsoleServer;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.TideBroker;
import io.tidemq.it.support.TideNamesrv;
import org.apache.rocketmq.common.protocol.route.QueueData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tidemq.it.acl.AclFixture.ADMIN_AK;
import static io.tidemq.it.acl.AclFixture.ADMIN_SK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console against a broker with aclEnable=true: started with an admin account it signs its requests and its
 * pages work (a topic is created through its API); without one the broker refuses it, and the console says why.
 */
class ConsoleWithAclIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aSignedConsoleWorksAndAnUnsignedOneIsRefusedWithTheReason() throws Exception {
        Path home = dir.resolve("home");
        AclFixture.install(home);
        try (TideNamesrv namesrv = new TideNamesrv(dir.resolve("ns"));
             TideBroker broker = new TideBroker(namesrv.address(), dir.resolve("store"), Map.of("brokerName",
                     "broker-acl", "aclEnable", "true", "rocketmqHome", home.toString()));
             ConsoleServer signed = ConsoleServer.start(new ConsoleConfig(namesrv.address(), "127.0.0.1", 0, null,
                     null, ADMIN_AK, ADMIN_SK, 60));
             ConsoleServer unsigned = ConsoleServer.start(new ConsoleConfig(namesrv.address(), "127.0.0.1", 0, null,
                     null, null, null, 60))) {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    get(signed, "api/cluster").path("brokers").size() == 1);
            JsonNode ok = get(signed, "api/cluster").get("brokers").get(0);
            assertThat(ok.get("status").asText()).isEqualTo("UP");
            assertThat(ok.get("version").asText()).isEqualTo("V4_9_3");

            HttpResponse<String> created = post(signed, "api/topic", "{\"topic\":\"FromSignedConsole\","
                    + "\"readQueueNums\":2,\"writeQueueNums\":2}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            DefaultMQAdminExt admin = Clients.admin(namesrv.address(), Clients.signer(ADMIN_AK, ADMIN_SK));
            admin.start();
            try {
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                    List<QueueData> q = admin.examineTopicRouteInfo("FromSignedConsole").getQueueDatas();
                    assertThat(q).singleElement().satisfies(d -> assertThat(d.getWriteQueueNums()).isEqualTo(2));
                });
            } finally {
                admin.shutdown();
            }

            JsonNode refused = get(unsigned, "api/cluster").get("brokers").get(0);
            assertThat(refused.get("status").asText()).isEqualTo("UNREACHABLE");
            assertThat(refused.get("error").asText()).contains("No accessKey is configured");
            HttpResponse<String> denied = post(unsigned, "api/topic", "{\"topic\":\"FromUnsignedConsole\"}");
            assertThat(denied.statusCode()).isEqualTo(502);
            assertThat(JSON.readTree(denied.body()).get("error").asText()).contains("No accessKey is configured");
        }
    }

    private static JsonNode get(ConsoleServer console, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url(console, path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> post(ConsoleServer console, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url(console, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(ConsoleServer console, String path) {
        return URI.create("http://127.0.0.1:" + console.port() + "/" + path);
    }
}
