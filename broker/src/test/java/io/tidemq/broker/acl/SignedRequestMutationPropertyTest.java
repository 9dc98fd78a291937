package io.tidemq.broker.acl;

import io.tidemq.remoting.protocol.RemotingCommand;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A send signed by the official client is accepted; any change to it afterwards (a header field's value, a field
 * added or removed, a byte of the body, the signature, the access key) is refused. (Moving characters across the
 * boundary of two adjacent values keeps the signed text and so the signature: the 4.9 signature joins values without
 * separators. docs/security.md says so.)
 */
class SignedRequestMutationPropertyTest {
    private static PlainAclManager acl;
    private static Path home;

    @BeforeContainer
    static void open() throws IOException {
        home = Files.createTempDirectory("acl-property");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/plain_acl.yml"), """
                accounts:
                  - accessKey: propUser01
                    secretKey: propSecret01
                    defaultTopicPerm: PUB
                  - accessKey: propUser02
                    secretKey: propSecret02
                    defaultTopicPerm: PUB
                """);
        acl = PlainAclManager.open(home.toString());
    }

    @AfterContainer
    static void delete() throws IOException {
        Files.delete(home.resolve("conf/plain_acl.yml"));
        Files.delete(home.resolve("conf"));
        Files.delete(home);
    }

    /** One way to change a request after signing. */
    private record Mutation(int kind, int index, String text, byte delta) {
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1000),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12).alpha(),
                Arbitraries.bytes().filter(b -> b != 0)).as(Mutation::new);
    }

    private static RemotingCommand signed(String topic, byte[] body) {
        return ApacheSigned.request(310, ApacheSigned.sendHeader(topic), body, "propUser01", "propSecret01");
    }

    @Property(tries = 400)
    void everyMutationOfASignedRequestIsRefused(@ForAll("mutations") Mutation m,
                                                @ForAll byte[] body) {
        byte[] original = body.length == 0 ? new byte[] {42} : body;
        RemotingCommand r = signed("T" + Math.abs(m.index() % 97), original);
        assertThatCode(() -> acl.check("127.0.0.1:1", r)).doesNotThrowAnyException();

        Map<String, String> fields = new HashMap<>(r.getExtFields());
        List<String> names = new ArrayList<>(fields.keySet());
        names.remove(AccessSignature.SIGNATURE);
        names.remove(AccessSignature.ACCESS_KEY);
        names.sort(null);
        String name = names.get(m.index() % names.size());
        byte[] newBody = original.clone();
        switch (m.kind()) {
            case 0 -> fields.put(name, fields.get(name) + m.text()); // a field's value changed
            case 1 -> fields.remove(name); // a field dropped
            case 2 -> fields.put("z" + m.text(), m.text()); // a field added
            case 3 -> newBody[m.index() % newBody.length] += m.delta(); // a body byte changed
            case 4 -> fields.put(AccessSignature.SIGNATURE, flip(fields.get(AccessSignature.SIGNATURE), m.index()));
            default -> fields.put(AccessSignature.ACCESS_KEY, "propUser02"); // another account's key
        }
        RemotingCommand mutated = RemotingCommand.createRequest(310);
        mutated.setExtFields(fields);
        mutated.setBody(newBody);
        assertThatThrownBy(() -> acl.check("127.0.0.1:1", mutated)).isInstanceOf(AclException.class);
    }

    private static String flip(String signature, int index) {
        char[] c = signature.toCharArray();
        int i = index % c.length;
        c[i] = c[i] == 'A' ? 'B' : 'A';
        return new String(c);
    }
}
