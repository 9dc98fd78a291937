package io.tidemq.config;

import java.util.List;

/**
 * Writes the configuration reference (Markdown) from the {@link ConfigKey} declarations, so that the documentation
 * of every key comes from the one place that defines it.
 */
public final class ConfigReference {
    /** A table of keys under a heading. */
    public record Section(String title, String intro, List<ConfigBinder.KeyInfo> keys) {
    }

    private ConfigReference() {
    }

    public static String markdown(String title, String intro, List<Section> sections) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n").append(intro.strip()).append("\n");
        for (Section s : sections) {
            sb.append("\n## ").append(s.title()).append("\n\n");
            if (!s.intro().isBlank()) {
                sb.append(s.intro().strip()).append("\n\n");
            }
            sb.append("| key | default | live | status | meaning |\n|---|---|---|---|---|\n");
            for (ConfigBinder.KeyInfo k : s.keys()) {
                sb.append("| `").append(k.name()).append("` | ").append(defaultCell(k)).append(" | ")
                        .append(!k.hasEffect() ? "—" : k.meta().live() ? "yes" : "restart").append(" | ").append(cell(status(k)))
                        .append(" | ").append(cell(k.meta().doc())).append(typeNote(k)).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static String status(ConfigBinder.KeyInfo k) {
        String origin = switch (k.meta().origin()) {
            case APACHE -> "";
            case TEMPLATE -> " (template key, ignored by Apache 4.9.3)";
            case ROCKETMQ5 -> " (RocketMQ 5 key)";
            case TIDEMQ -> " (TideMQ key)";
        };
        if (!k.meta().noEffect().isEmpty()) {
            return "accepted, no effect: " + k.meta().noEffect() + origin;
        }
        if (!k.meta().onlyDefault().isEmpty()) {
            return "only the default: " + k.meta().onlyDefault() + origin;
        }
        return "implemented" + origin;
    }

    private static String defaultCell(ConfigBinder.KeyInfo k) {
        String d = k.defaultValue();
        if (!k.meta().defaultText().isEmpty()) {
            return cell(d);
        }
        return d.isEmpty() ? "(empty)" : "`" + d.replace("|", "\\|") + "`";
    }

    private static String typeNote(ConfigBinder.KeyInfo k) {
        return k.type().isEnum() || k.type() == boolean.class || k.type() == Boolean.class ? ""
                : " *(" + ValueParser.expected(k.type()) + ")*";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
