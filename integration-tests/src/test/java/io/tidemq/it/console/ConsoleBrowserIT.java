package io.tidemq.it.console;

import io.tidemq.console.ConsoleConfig;
import io.tidemq.console.ConsoleServer;
import io.tidemq.it.support.Clients;
import io.tidemq.it.support.HeadlessChromium;
import io.tidemq.it.support.SingleBroker;
import io.tidemq.it.support.TideBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.admin.ConsumeStats;
import org.apache.rocketmq.common.admin.OffsetWrapper;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.protocol.route.QueueData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in a real browser (Debian's headless Chromium, driven by Selenium through Debian's chromedriver),
 * against a live broker fed by the official 4.9.3 client: every page loads and shows the cluster's data, and the
 * changes made through the pages (a topic created, a group's offsets reset) are checked with the official admin
 * client. Screenshots of the pages go to target/console-screenshots, or to docs/console with
 * -Dtidemq.updateScreenshots=true.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final String TOPIC = "TopicConsole";
    private static final int N = 40;
    private static final String ONLINE = "CG_CONSOLE_ONLINE";
    private static final String OFFLINE = "CG_CONSOLE_OFFLINE";
    private static final String DEAD = "CG_CONSOLE_DLQ";

    @TempDir
    static Path dir;
    static SingleBroker cluster;
    static TideBroker second;
    static ConsoleServer console;
    static WebDriver browser;
    static String base;
    static final Queue<String> onlineReceived = new ConcurrentLinkedQueue<>();
    static DefaultMQPushConsumer online;
    static DefaultMQPushConsumer dead;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.usable(), "Debian's chromium and chromium-driver are not installed "
                + "(.ci/run installs them)");
        cluster = SingleBroker.start(dir, "PG_CONSOLE");
        second = new TideBroker(cluster.namesrv.address(), dir.resolve("b2"), Map.of("brokerName", "broker-gone"));
        cluster.admin.createAndUpdateTopicConfig(cluster.broker.address(), new TopicConfig(TOPIC, 4, 4, 6));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                cluster.producer.fetchPublishMessageQueues(TOPIC).size() == 4);
        for (int i = 0; i < N; i++) {
            Message m = new Message(TOPIC, "TagA", "key-" + i, ("console-" + i).getBytes(StandardCharsets.UTF_8));
            cluster.producer.send(m);
        }
        online = consumer(ONLINE, onlineReceived, ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        Queue<String> offlineReceived = new ConcurrentLinkedQueue<>();
        DefaultMQPushConsumer offline = consumer(OFFLINE, offlineReceived, ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
        dead = consumer(DEAD, new ConcurrentLinkedQueue<>(), ConsumeConcurrentlyStatus.RECONSUME_LATER);
        await().atMost(Duration.ofSeconds(30)).until(() -> onlineReceived.size() >= N && offlineReceived.size() >= N);
        await().atMost(Duration.ofSeconds(15)).until(() -> committed(OFFLINE) == N);
        offline.shutdown();

        console = ConsoleServer.start(new ConsoleConfig(cluster.namesrv.address(), "127.0.0.1", 0, null, null, null,
                null, 1));
        base = "http://127.0.0.1:" + console.port() + "/";
        browser = HeadlessChromium.start(dir.resolve("chromium"));
    }

    private static DefaultMQPushConsumer consumer(String group, Queue<String> received,
                                                  ConsumeConcurrentlyStatus answer) throws MQClientException {
        DefaultMQPushConsumer c = Clients.pushConsumer(group, cluster.namesrv.address());
        c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        // the dead-letter group's first failure goes to its DLQ
        c.setMaxReconsumeTimes(0);
        c.subscribe(TOPIC, "*");
        c.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                received.add(new String(m.getBody(), StandardCharsets.UTF_8));
            }
            return answer;
        });
        c.start();
        return c;
    }

    private static long minutePuts() {
        try {
            return cluster.admin.viewBrokerStatsData(cluster.broker.address(), "TOPIC_PUT_NUMS", TOPIC)
                    .getStatsMinute().getSum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long committed(String group) throws Exception {
        ConsumeStats stats = cluster.admin.examineConsumeStats(group);
        return stats.getOffsetTable().entrySet().stream().filter(e -> e.getKey().getTopic().equals(TOPIC))
                .mapToLong(e -> e.getValue().getConsumerOffset()).sum();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
        if (online != null) {
            online.shutdown();
        }
        if (dead != null) {
            dead.shutdown();
        }
        if (second != null) {
            second.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static int loads;

    /** Opens a page (loaded afresh, not from the state of the last one) and waits until it rendered its data. */
    private static void open(String route, String pageName) {
        browser.get(base + "?load=" + (++loads) + "#/" + route);
        await().atMost(Duration.ofSeconds(20)).ignoreException(StaleElementReferenceException.class).until(() -> {
            WebElement p = browser.findElement(By.id("page"));
            return pageName.equals(p.getAttribute("data-page")) && "ready".equals(p.getAttribute("data-state"));
        });
        assertThat(browser.findElement(By.id("page")).getText()).as("a page never shows a missing value as text")
                .doesNotContainPattern("(?m)^(null|undefined)$");
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static List<WebElement> rows(String tableId) {
        return browser.findElements(By.cssSelector("#" + tableId + " tbody tr"));
    }

    private static void screenshot(String name) throws IOException {
        boolean update = Boolean.getBoolean("tidemq.updateScreenshots");
        Path out = update ? Path.of("..", "docs", "console") : Path.of("target", "console-screenshots");
        Files.createDirectories(out);
        File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), out.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A wait that retries when the page re-rendered or navigated under a found element (a race, not a result). */
    private static WebDriverWait waitUpTo(int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static void waitForText(String id, String expected) {
        waitUpTo(20).until(d -> {
            List<WebElement> found = d.findElements(By.id(id));
            return !found.isEmpty() && found.get(0).getText().contains(expected);
        });
    }

    @Test
    @Order(1)
    void clusterPageShowsEveryBrokerWithRoleAddressVersionAndDisk() throws IOException {
        open("cluster", "cluster");
        String brokers = text("brokers");
        assertThat(brokers).contains("broker-test", cluster.broker.address(), "broker-gone", second.address(),
                "MASTER", "UP", "V4_9_3", "DefaultCluster");
        assertThat(rows("brokers")).hasSize(2);
        screenshot("cluster");
    }

    @Test
    @Order(2)
    void topicCreatedThroughThePageExistsForTheAdminClient() throws Exception {
        open("topics", "topics");
        assertThat(text("topics-table")).contains(TOPIC);
        browser.findElement(By.id("new-topic")).sendKeys("TopicFromConsole");
        WebElement read = browser.findElement(By.name("read"));
        read.clear();
        read.sendKeys("3");
        WebElement write = browser.findElement(By.name("write"));
        write.clear();
        write.sendKeys("3");
        browser.findElement(By.id("create-topic-submit")).click();
        waitForText("topic-result", "created or updated");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<QueueData> queues = cluster.admin.examineTopicRouteInfo("TopicFromConsole").getQueueDatas();
            assertThat(queues).hasSize(2);
            assertThat(queues).allSatisfy(q -> {
                assertThat(q.getReadQueueNums()).isEqualTo(3);
                assertThat(q.getWriteQueueNums()).isEqualTo(3);
                assertThat(q.getPerm()).isEqualTo(6);
            });
        });
        open("topics", "topics");
        assertThat(text("topics-table")).contains("TopicFromConsole");
        screenshot("topics");
    }

    @Test
    @Order(3)
    void topicPageShowsRouteQueueOffsetsAndConsumers() throws IOException {
        open("topic/" + TOPIC, "topic");
        assertThat(text("topic-messages")).isEqualTo(String.valueOf(N));
        assertThat(rows("queues")).hasSize(4);
        assertThat(text("route")).contains("broker-test");
        assertThat(text("topic-groups")).contains(ONLINE, OFFLINE, DEAD);
        // the broker's put statistics, as the admin client reads them (when no 10-second sample fell in between)
        assertThat(rows("put-stats")).singleElement().satisfies(r -> assertThat(r.getText()).startsWith("broker-test"));
        long before = minutePuts();
        open("topic/" + TOPIC, "topic");
        String shown = browser.findElement(By.cssSelector("#put-stats td[data-col=lastMinute]")).getText();
        if (minutePuts() == before) {
            assertThat(shown).isEqualTo(String.valueOf(before));
        }
        screenshot("topic");
    }

    @Test
    @Order(4)
    void groupsPageShowsLagAndOnlineClients() throws IOException {
        open("groups", "groups");
        WebElement row = browser.findElements(By.cssSelector("#groups-table tbody tr")).stream()
                .filter(r -> r.getText().startsWith(ONLINE)).findFirst().orElseThrow();
        assertThat(row.findElement(By.cssSelector("td[data-col=lag]")).getText()).isEqualTo("0");
        assertThat(row.findElement(By.cssSelector("td[data-col=clients]")).getText()).isEqualTo("1");
        assertThat(text("groups-table")).contains(OFFLINE, DEAD);
        screenshot("groups");

        open("group/" + ONLINE, "group");
        assertThat(text("group-lag")).isEqualTo("0");
        assertThat(rows("group-clients")).hasSize(1);
        assertThat(text("group-subscriptions")).contains(TOPIC, "*");
        assertThat(rows("group-queues")).hasSizeGreaterThanOrEqualTo(4);
        screenshot("group");
    }

    @Test
    @Order(5)
    void offsetResetThroughThePageMovesTheGroupsOffsetsForTheAdminClient() throws Exception {
        assertThat(committed(OFFLINE)).isEqualTo(N);
        open("group/" + OFFLINE, "group");
        assertThat(text("group-lag")).isEqualTo("0");
        new Select(browser.findElement(By.id("reset-topic"))).selectByValue(TOPIC);
        browser.findElement(By.id("reset-submit")).click();
        waitForText("reset-result", "Offsets of " + TOPIC + " reset");
        ConsumeStats stats = cluster.admin.examineConsumeStats(OFFLINE);
        List<OffsetWrapper> queues = stats.getOffsetTable().entrySet().stream()
                .filter(e -> e.getKey().getTopic().equals(TOPIC)).map(Map.Entry::getValue).toList();
        assertThat(queues).hasSize(4).allSatisfy(o -> assertThat(o.getConsumerOffset()).isZero());
        open("group/" + OFFLINE, "group");
        assertThat(text("group-lag")).isEqualTo(String.valueOf(N));
        screenshot("group-reset");
    }

    @Test
    @Order(6)
    void messagesByKeyByTimeAndByIdWithBodyPropertiesAndResend() throws IOException {
        open("messages", "messages");
        browser.findElement(By.id("key-topic")).sendKeys(TOPIC);
        browser.findElement(By.id("key-key")).sendKeys("key-7");
        browser.findElement(By.id("by-key-submit")).click();
        waitUpTo(20).until(d -> rows("messages-table").size() == 1);
        assertThat(text("messages-table")).contains("key-7", "TagA");

        browser.findElement(By.id("time-topic")).sendKeys(TOPIC);
        browser.findElement(By.id("by-time-submit")).click();
        waitUpTo(20).until(d -> rows("messages-table").size() == N);
        screenshot("messages");

        open("messages", "messages");
        browser.findElement(By.id("key-topic")).sendKeys(TOPIC);
        browser.findElement(By.id("key-key")).sendKeys("key-7");
        browser.findElement(By.id("by-key-submit")).click();
        waitUpTo(20).until(d -> rows("messages-table").size() == 1);
        browser.findElement(By.cssSelector("#messages-table tbody a")).click();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "ready".equals(browser.findElement(By.id("page")).getAttribute("data-state"))
                        && "message".equals(browser.findElement(By.id("page")).getAttribute("data-page")));
        assertThat(text("message-body")).isEqualTo("console-7");
        assertThat(text("message-properties")).contains("KEYS", "key-7", "TAGS", "TagA");
        assertThat(text("message-tracks")).contains(ONLINE);

        long before = onlineReceived.stream().filter("console-7"::equals).count();
        browser.findElement(By.id("resend-group")).sendKeys(ONLINE);
        browser.findElement(By.id("resend-submit")).click();
        waitForText("resend-result", "CR_SUCCESS");
        assertThat(onlineReceived.stream().filter("console-7"::equals).count()).isEqualTo(before + 1);
        screenshot("message");
    }

    @Test
    @Order(7)
    void deadLetterPageListsTheGroupsDeadLetters() throws Exception {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                cluster.admin.examineTopicStats("%DLQ%" + DEAD).getOffsetTable().values().stream()
                        .mapToLong(o -> o.getMaxOffset()).sum() == N);
        open("dlq", "dlq");
        new Select(browser.findElement(By.id("dlq-group"))).selectByValue(DEAD);
        browser.findElement(By.id("dlq-submit")).click();
        waitUpTo(20).until(d -> rows("dlq-table").size() == N);
        assertThat(text("dlq-table")).contains("key-0");
        screenshot("dlq");
    }

    @Test
    @Order(8)
    void producersReplicationAndChartsPages() throws IOException {
        open("producers", "producers");
        browser.findElement(By.id("producer-group")).sendKeys("PG_CONSOLE");
        browser.findElement(By.id("producer-topic")).sendKeys(TOPIC);
        browser.findElement(By.id("producer-submit")).click();
        waitUpTo(20).until(d -> rows("producers-table").size() == 1);
        assertThat(text("producers-table")).contains("JAVA", "V4_9_3");
        screenshot("producers");

        open("replication", "replication");
        assertThat(text("replicas-broker-test")).contains(cluster.broker.address(), "UP");
        assertThat(browser.findElement(By.cssSelector("section[data-broker=broker-test]")).getText())
                .contains("No slave");
        screenshot("replication");

        // the console samples every second here: a few points per line
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            open("charts", "charts");
            return !browser.findElements(By.cssSelector("#chart-put polyline")).isEmpty()
                    && !browser.findElements(By.cssSelector("#chart-lag polyline[data-series=" + OFFLINE + "]"))
                    .isEmpty();
        });
        String points = browser.findElement(By.cssSelector("#chart-put polyline")).getAttribute("points");
        assertThat(points.split(" ")).hasSizeGreaterThanOrEqualTo(2);
        screenshot("charts");
    }

    @Test
    @Order(9)
    void aBrokerThatStoppedIsShownDown() throws IOException {
        String gone = second.address();
        second.close();
        second = null;
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            open("cluster", "cluster");
            return !browser.findElements(By.id("down-banner")).isEmpty();
        });
        assertThat(text("down-banner")).contains("broker-gone", gone, "DOWN");
        assertThat(text("brokers")).contains("broker-test", "UP");
        screenshot("cluster-down");
    }

    @Test
    @Order(10)
    void aTracedMessageShowsItsTrace() throws Exception {
        DefaultMQProducer traced = new DefaultMQProducer("PG_CONSOLE_TRACE", true);
        traced.setNamesrvAddr(cluster.namesrv.address());
        traced.setInstanceName("console-trace-" + System.nanoTime());
        traced.start();
        String msgId;
        try {
            msgId = traced.send(new Message("TopicTraced", "TagT", "traced-1",
                    "with a trace".getBytes(StandardCharsets.UTF_8))).getMsgId();
            // the client sends its trace records in the background
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                open("message/TopicTraced/" + msgId, "message");
                return rows("message-trace").size() >= 1;
            });
        } finally {
            traced.shutdown();
        }
        assertThat(text("message-body")).isEqualTo("with a trace");
        assertThat(text("message-trace")).contains("Pub", "PG_CONSOLE_TRACE", "yes");
        screenshot("message-trace");
    }

    @Test
    @Order(11)
    void topicAndGroupDeletedThroughThePagesAreGoneForTheAdminClient() throws Exception {
        open("topic/TopicFromConsole", "topic");
        browser.findElement(By.id("delete-topic")).click();
        browser.switchTo().alert().accept();
        waitForText("topic-delete-result", "Deleted.");
        assertThat(cluster.admin.fetchAllTopicList().getTopicList()).doesNotContain("TopicFromConsole");
        assertThatThrownBy(() -> cluster.admin.examineTopicRouteInfo("TopicFromConsole"))
                .isInstanceOf(MQClientException.class);
        assertThat(cluster.broker.controller().topicConfigManager().select("TopicFromConsole")).isNull();

        assertThat(cluster.admin.getAllSubscriptionGroup(cluster.broker.address(), 5000)
                .getSubscriptionGroupTable()).containsKey(OFFLINE);
        open("group/" + OFFLINE, "group");
        browser.findElement(By.id("delete-group")).click();
        browser.switchTo().alert().accept();
        waitForText("group-delete-result", "Deleted.");
        assertThat(cluster.admin.getAllSubscriptionGroup(cluster.broker.address(), 5000)
                .getSubscriptionGroupTable()).doesNotContainKey(OFFLINE);
    }

    @Test
    @Order(12)
    void beyondLoopbackALoginIsRequiredAndChecked() throws Exception {
        ConsoleConfig open = new ConsoleConfig("127.0.0.1:1", "0.0.0.0", 0, null, null, null, null, 10);
        assertThat(open.problems()).anySatisfy(p -> assertThat(p).contains("needs a login"));
        try (ConsoleServer guarded = ConsoleServer.start(new ConsoleConfig(cluster.namesrv.address(), "127.0.0.1", 0,
                "ops", "s3cret", null, null, 10))) {
            String url = "http://127.0.0.1:" + guarded.port() + "/";
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url + "api/cluster")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            browser.manage().deleteAllCookies();
            browser.get(url);
            waitUpTo(10).until(d -> d.getCurrentUrl().endsWith("/login.html"));
            browser.findElement(By.id("user")).sendKeys("ops");
            browser.findElement(By.id("password")).sendKeys("wrong");
            browser.findElement(By.id("login")).click();
            // The refused form redirects to login.html?failed: wait for that page before reading its elements.
            waitUpTo(10).until(d -> d.getCurrentUrl().contains("failed")
                    && d.findElement(By.id("failed")).isDisplayed());
            browser.findElement(By.id("user")).sendKeys("ops");
            browser.findElement(By.id("password")).sendKeys("s3cret");
            browser.findElement(By.id("login")).click();
            waitUpTo(20).until(d -> {
                List<WebElement> p = d.findElements(By.id("page"));
                return !p.isEmpty() && "ready".equals(p.get(0).getAttribute("data-state"));
            });
            assertThat(text("brokers")).contains("broker-test");
        }
    }
}
