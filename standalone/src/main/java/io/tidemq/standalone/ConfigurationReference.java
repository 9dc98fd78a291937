package io.tidemq.standalone;

import io.tidemq.broker.config.BrokerConfiguration;
import io.tidemq.config.ConfigBinder;
import io.tidemq.config.ConfigReference.Section;
import io.tidemq.config.ConfigReference;
import io.tidemq.controller.config.ControllerConfig;
import io.tidemq.controller.config.ControllerStartupConfig;
import io.tidemq.namesrv.NamesrvStartup;
import io.tidemq.namesrv.config.NamesrvConfig;
import io.tidemq.remoting.netty.NettyServerConfig;
import io.tidemq.store.FlushConfig;
import io.tidemq.store.IndexConfig;
import io.tidemq.store.ReplicationConfig;
import io.tidemq.store.RetentionConfig;
import io.tidemq.store.TransferConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes docs/configuration.md from the typed configuration classes of the broker and the NameServer, so that the
 * reference can never drift from the code ({@code ConfigurationReferenceTest} fails when the file is stale).
 *
 * <pre>java -cp ... io.tidemq.standalone.ConfigurationReference docs/configuration.md</pre>
 */
public final class ConfigurationReference {
    private ConfigurationReference() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
        Files.writeString(out, markdown(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /** The whole reference. Machine-dependent defaults are given in words, so the text is the same everywhere. */
    public static String markdown() {
        BrokerConfiguration broker = new BrokerConfiguration();
        NettyServerConfig namesrvServer = new NettyServerConfig();
        namesrvServer.setListenPort(NamesrvStartup.DEFAULT_PORT);
        ConfigBinder namesrv = new ConfigBinder(new NamesrvConfig(), namesrvServer);
        List<Section> sections = new ArrayList<>();
        sections.add(section("Broker: general", """
                `BrokerConfig`: identity, topics and groups, thread pools, flow control, registration, \
                consumption, transactions.""", broker.binder, broker.broker.getClass()));
        sections.add(section("Broker: controller mode (automatic failover)", """
                `ControllerModeConfig`, a section of `BrokerConfig`: RocketMQ 5's keys (see `docs/failover.md`).""",
                broker.binder, io.tidemq.broker.config.ControllerModeConfig.class));
        sections.add(section("Broker: store", """
                `MessageStoreConfig`: paths, file sizes, the role, the write path, delay levels, and keys of \
                Apache features refused or without effect here.""", broker.binder, broker.store.getClass()));
        sections.add(section("Broker: store, flushing", "`FlushConfig`, a section of `MessageStoreConfig`.",
                broker.binder, FlushConfig.class));
        sections.add(section("Broker: store, retention and disk space",
                "`RetentionConfig`, a section of `MessageStoreConfig`.", broker.binder, RetentionConfig.class));
        sections.add(section("Broker: store, index", "`IndexConfig`, a section of `MessageStoreConfig`.",
                broker.binder, IndexConfig.class));
        sections.add(section("Broker: store, pull batches", "`TransferConfig`, a section of `MessageStoreConfig`.",
                broker.binder, TransferConfig.class));
        sections.add(section("Broker: store, replication",
                "`ReplicationConfig`, a section of `MessageStoreConfig`.", broker.binder, ReplicationConfig.class));
        sections.add(section("Broker: remoting server", """
                `NettyServerConfig` of the broker (also used for its listenPort-2 server).""", broker.binder,
                broker.server.getClass()));
        sections.add(section("Broker: remoting client", """
                `NettyClientConfig`: the broker's connections to NameServers and to its master.""", broker.binder,
                broker.client.getClass()));
        sections.add(section("NameServer", "`NamesrvConfig`.", namesrv, NamesrvConfig.class));
        sections.add(section("NameServer: remoting server", "`NettyServerConfig` of the NameServer.", namesrv,
                NettyServerConfig.class));
        ConfigBinder controller = new ConfigBinder(new ControllerStartupConfig());
        sections.add(section("Controller", """
                `ControllerStartupConfig` of `mqcontroller` (RocketMQ 5's keys).""", controller,
                ControllerStartupConfig.class));
        sections.add(section("Controller: Raft group and election", """
                `ControllerConfig`, a section of `ControllerStartupConfig`, also read by a NameServer with \
                `enableControllerInNamesrv=true`.""", controller, ControllerConfig.class));
        return ConfigReference.markdown("Configuration reference", """
                Generated from the typed configuration classes by `io.tidemq.standalone.ConfigurationReference`; \
                do not edit by hand (`ConfigurationReferenceTest` fails when this file is out of date, and \
                `mvn -q -pl standalone test -Dtest=ConfigurationReferenceTest -Dtidemq.updateDocs=true` rewrites it).

                Every key that Apache RocketMQ 4.9.3 binds from a broker's or NameServer's `-c` file is accepted, \
                under the same name. **status** says what it does here:

                - *implemented*: Apache's meaning (where TideMQ differs, the meaning says how);
                - *accepted, no effect*: the key is read and ignored, for the reason given; the server logs one \
                warning at boot naming such keys found in its file;
                - *only the default*: any other value stops start-up with the reason given. These are settings \
                that would change safety or security if they were ignored (ACL, TLS, DLedger, ...).

                A key that neither Apache nor TideMQ knows stops start-up with the nearest known key ("did you \
                mean ...?"), and so does a value that does not parse; several problems are reported together. \
                The same rules apply to trailing `key=value` arguments of `mqbroker` and `mqnamesrv` and to \
                `-p`/`-m`.

                **live**: *yes* means `mqadmin updateBrokerConfig` (UPDATE_BROKER_CONFIG) or \
                `mqadmin updateNamesrvConfig` changes it on the running server, and the change is written into \
                the server's `-c` file (only that key's line; the rest of the file stays as it was), or into \
                `<storePathRootDir>/config/broker.properties` when the broker has no `-c` file. An update is all \
                or nothing: if one entry is unknown, bad, or needs a restart (*restart*), nothing changes and the \
                answer names each problem. Keys with no effect may always be updated.

                Apache also reads some settings from system properties (`-D` in `JAVA_OPT`); TideMQ honours \
                `com.rocketmq.remoting.frameMaxLength`, `rocketmq.broker.diskSpaceWarningLevelRatio`, \
                `rocketmq.broker.diskSpaceCleanForciblyRatio`, `rocketmq.namesrv.domain` and \
                `rocketmq.namesrv.domain.subgroup` as defaults of the keys below, `-Drocketmq.acl.plain.file`, and \
                Apache's TLS settings (`-Dtls.server.mode`, `-Dtls.enable`, `-Dtls.config.file` and the other \
                `tls.*` properties; see `docs/security.md`). A TLS setting that cannot be used (an unknown mode, a \
                missing certificate in enforcing mode) stops start-up.
                """, sections);
    }

    private static Section section(String title, String intro, ConfigBinder binder, Class<?> owner) {
        List<ConfigBinder.KeyInfo> keys = new ArrayList<>();
        for (ConfigBinder.KeyInfo k : binder.keys()) {
            if (k.owner() == owner) {
                keys.add(k);
            }
        }
        return new Section(title, intro, keys);
    }
}
