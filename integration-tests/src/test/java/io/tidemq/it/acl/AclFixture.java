package io.tidemq.it.acl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ACL files of the ACL integration tests: an installation folder holding conf/plain_acl.yml. */
final class AclFixture {
    static final String ADMIN_AK = "itAdmin01";
    static final String ADMIN_SK = "itAdminSecret";
    static final String APP_AK = "itAppUser";
    static final String APP_SK = "itAppSecret";
    static final String READER_AK = "itReader1";
    static final String READER_SK = "itReaderSecret";
    static final String BROKER_AK = "itBroker01";
    static final String BROKER_SK = "itBrokerSecret";

    /** Admin; an application account (PUB|SUB on AclTopic, PUB only on AclPubOnly); a reader (SUB only). */
    static final String PLAIN_ACL = """
            # accounts of the ACL integration tests; no address is whitelisted
            globalWhiteRemoteAddresses:

            accounts:
              - accessKey: itAdmin01
                secretKey: itAdminSecret
                admin: true
              - accessKey: itAppUser
                secretKey: itAppSecret
                admin: false
                defaultTopicPerm: DENY
                defaultGroupPerm: DENY
                topicPerms:
                  - AclTopic=PUB|SUB
                  - AclPubOnly=PUB
                groupPerms:
                  - AppGroup=SUB
              - accessKey: itReader1
                secretKey: itReaderSecret
                defaultTopicPerm: SUB
                defaultGroupPerm: SUB
              - accessKey: itBroker01
                secretKey: itBrokerSecret
                defaultTopicPerm: SUB
                defaultGroupPerm: SUB
            """;

    private AclFixture() {
    }

    /** Creates {@code home}/conf/plain_acl.yml; returns the file. */
    static Path install(Path home) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Path file = home.resolve("conf/plain_acl.yml");
        Files.writeString(file, PLAIN_ACL);
        return file;
    }
}
