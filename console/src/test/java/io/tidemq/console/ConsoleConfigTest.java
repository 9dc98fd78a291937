package io.tidemq.console;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleConfigTest {
    private static ConsoleConfig config(String bind, String user, String password, String ak, String sk) {
        return new ConsoleConfig("127.0.0.1:9876", bind, 8080, user, password, ak, sk, 10);
    }

    @Test
    void loopbackWithoutLoginIsFineBeyondLoopbackALoginIsRequired() {
        assertThat(config("127.0.0.1", null, null, null, null).problems()).isEmpty();
        assertThat(config("0.0.0.0", null, null, null, null).problems())
                .singleElement().asString().contains("needs a login");
        assertThat(config("0.0.0.0", "ops", "pw", null, null).problems()).isEmpty();
    }

    @Test
    void halfOfAPairAndAMissingNameServerAreRefused() {
        assertThat(config("127.0.0.1", "ops", null, null, null).problems())
                .containsExactly("--user and --password go together");
        assertThat(config("127.0.0.1", null, null, "ak", null).problems())
                .containsExactly("--access-key and --secret-key go together");
        assertThat(new ConsoleConfig(" ", "127.0.0.1", 8080, null, null, null, null, 10).problems())
                .singleElement().asString().contains("NameServer list is required");
        assertThat(new ConsoleConfig("a:1", "127.0.0.1", 70000, null, null, null, null, 0).problems()).hasSize(2);
    }

    @Test
    void queryStringsDecodeAndTopicsAreClassified() {
        assertThat(ApiRequest.parseQuery("topic=%25RETRY%25g&key=a+b&empty")).containsEntry("topic", "%RETRY%g")
                .containsEntry("key", "a b").containsEntry("empty", "");
        Set<String> servers = Set.of("DefaultCluster", "broker-a");
        assertThat(TopicApi.kind("%RETRY%g", servers)).isEqualTo("RETRY");
        assertThat(TopicApi.kind("%DLQ%g", servers)).isEqualTo("DLQ");
        assertThat(TopicApi.kind("broker-a", servers)).isEqualTo("SYSTEM");
        assertThat(TopicApi.kind("RMQ_SYS_TRACE_TOPIC", servers)).isEqualTo("SYSTEM");
        assertThat(TopicApi.kind("Orders", servers)).isEqualTo("NORMAL");
    }

    @Test
    void aSessionOnlyForTheRightPassword() {
        LoginGuard guard = new LoginGuard("ops", "s3cret");
        assertThat(guard.login("ops", "wrong")).isNull();
        assertThat(guard.login("other", "s3cret")).isNull();
        assertThat(guard.login("ops", null)).isNull();
        String a = guard.login("ops", "s3cret");
        String b = guard.login("ops", "s3cret");
        assertThat(a).hasSize(48).isNotEqualTo(b);
    }
}
