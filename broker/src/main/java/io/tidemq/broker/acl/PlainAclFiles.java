package io.tidemq.broker.acl;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.tidemq.common.DataVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the plain ACL files are and how they are read and written, as Apache 4.9 lays them out: the main file
 * {@code <rocketmqHome>/conf/plain_acl.yml} (the system property {@code rocketmq.acl.plain.file} names another,
 * relative to the home as in Apache, or absolute), and every {@code .yml}/{@code .yaml} file under
 * {@code <rocketmqHome>/conf/acl}. A file is a YAML map with {@code globalWhiteRemoteAddresses}, {@code accounts}
 * and {@code dataVersion}; keys this class does not know are kept when it rewrites a file. Writes replace the file
 * atomically. Stateless.
 */
final class PlainAclFiles {
    static final String PLAIN_FILE_PROPERTY = "rocketmq.acl.plain.file";
    static final String GLOBAL_WHITE = "globalWhiteRemoteAddresses";
    static final String ACCOUNTS = "accounts";
    static final String DATA_VERSION = "dataVersion";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<AclAccount>> ACCOUNT_LIST = new TypeReference<>() {
    };

    final Path mainFile;
    final Path aclDir;

    PlainAclFiles(Path mainFile, Path aclDir) {
        this.mainFile = mainFile;
        this.aclDir = aclDir;
    }

    /** The files of an installation, honouring {@code -Drocketmq.acl.plain.file}. */
    static PlainAclFiles of(String rocketmqHome) {
        Path home = Path.of(rocketmqHome == null || rocketmqHome.isBlank() ? "." : rocketmqHome);
        Path named = Path.of(System.getProperty(PLAIN_FILE_PROPERTY, "conf/plain_acl.yml"));
        return new PlainAclFiles((named.isAbsolute() ? named : home.resolve(named)).toAbsolutePath().normalize(),
                home.resolve("conf").resolve("acl").toAbsolutePath().normalize());
    }

    /** Every ACL file present: those under conf/acl in name order, then the main file. */
    List<Path> present() {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(aclDir)) {
            try (Stream<Path> walk = Files.walk(aclDir)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                        .map(p -> p.toAbsolutePath().normalize()).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + aclDir, e);
            }
        }
        if (Files.isRegularFile(mainFile) && !files.contains(mainFile)) {
            files.add(mainFile);
        }
        return files;
    }

    /** The file's content as a map (empty for an empty file); throws AclException naming the file when unreadable. */
    static LinkedHashMap<String, Object> read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                return new LinkedHashMap<>();
            }
            LinkedHashMap<String, Object> map = YAML.readValue(bytes, MAP);
            return map == null ? new LinkedHashMap<>() : map;
        } catch (IOException | RuntimeException e) {
            throw new AclException("ACL file " + file + " cannot be read: " + firstLine(e.getMessage()));
        }
    }

    static List<String> globalWhiteRemoteAddresses(Map<String, Object> content, Path file) {
        Object v = content.get(GLOBAL_WHITE);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new AclException("ACL file " + file + ": " + GLOBAL_WHITE + " must be a list");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (o != null) {
                out.add(o.toString());
            }
        }
        return out;
    }

    static List<AclAccount> accounts(Map<String, Object> content, Path file) {
        Object v = content.get(ACCOUNTS);
        if (v == null) {
            return List.of();
        }
        try {
            return YAML.convertValue(v, ACCOUNT_LIST);
        } catch (IllegalArgumentException e) {
            throw new AclException("ACL file " + file + ": " + ACCOUNTS + " cannot be read: "
                    + firstLine(e.getMessage()));
        }
    }

    /** The file's dataVersion (Apache writes a one-element list of {counter, timestamp}); 0/0 when it has none. */
    static DataVersion dataVersion(Map<String, Object> content) {
        if (content.get(DATA_VERSION) instanceof List<?> list && !list.isEmpty()
                && list.get(0) instanceof Map<?, ?> m) {
            return new DataVersion(number(m.get("timestamp")), number(m.get("counter")));
        }
        return new DataVersion(0, 0);
    }

    /** Writes {@code content} with its dataVersion moved on by one, replacing the file atomically. */
    static DataVersion writeWithNextVersion(Path file, LinkedHashMap<String, Object> content) {
        DataVersion next = dataVersion(content).next();
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("counter", next.counter);
        version.put("timestamp", next.timestamp);
        content.put(DATA_VERSION, List.of(version));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, YAML.writeValueAsBytes(content));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new AclException("cannot write ACL file " + file + ": " + e.getMessage());
        }
        return next;
    }

    /** An account as a map in the file's key order, for writing. */
    static LinkedHashMap<String, Object> toMap(AclAccount a) {
        return YAML.convertValue(a, MAP);
    }

    private static long number(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        try {
            return o == null ? 0 : Long.parseLong(o.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
