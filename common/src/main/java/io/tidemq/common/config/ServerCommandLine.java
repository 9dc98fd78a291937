package io.tidemq.common.config;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of {@code mqnamesrv} and {@code mqbroker}: Apache's options ({@code -c FILE}, {@code -n ADDR},
 * print flags such as {@code -p}) plus trailing {@code key=value} overrides. Hand-written rather than picocli because
 * picocli's reflective model building cost about 165 ms of CPU on every server boot, for five options.
 *
 * <p>Accepted forms: {@code -c FILE}, {@code -cFILE}, {@code --configFile FILE}, {@code --configFile=FILE}; flags
 * {@code -p} / {@code --printConfigItem}; {@code --} ends the options.
 */
public final class ServerCommandLine {
    /** One option; {@code argLabel} is null for a flag. Options are looked up by their long name. */
    public record Option(String shortName, String longName, String argLabel, String description) {
    }

    /**
     * A parsed command line. The options are those of Apache's mqbroker and mqnamesrv, known by their long names;
     * an option a command does not define is simply absent (null or false).
     */
    public record Arguments(String configFile, String namesrvAddr, boolean printConfigItem,
                            boolean printImportantConfig, boolean help, List<String> overrides) {
        /** False when the command only prints something (help, configuration) and exits. */
        public boolean startsServer() {
            return !help && !printConfigItem && !printImportantConfig;
        }
    }

    /** A command line that does not parse; the message says what is wrong. */
    public static final class BadCommandLine extends Exception {
        public BadCommandLine(String message) {
            super(message);
        }
    }

    private final String command;
    private final String description;
    private final List<Option> options;
    private final String positionalLabel;
    private final String positionalDescription;

    public ServerCommandLine(String command, String description, List<Option> options, String positionalLabel,
                             String positionalDescription) {
        this.command = command;
        this.description = description;
        this.options = List.copyOf(options);
        this.positionalLabel = positionalLabel;
        this.positionalDescription = positionalDescription;
    }

    public Arguments parse(String[] args) throws BadCommandLine {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
                positional.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String inlineValue = null;
            Option option;
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                inlineValue = eq < 0 ? null : a.substring(eq + 1);
                option = byLongName(name);
            } else {
                option = byShortName(a.substring(0, 2));
                if (option != null && a.length() > 2) {
                    inlineValue = a.substring(2);
                }
            }
            if (option == null) {
                throw new BadCommandLine("Unknown option: '" + a + "'");
            }
            if (option.argLabel() == null) {
                if (inlineValue != null) {
                    throw new BadCommandLine("option '" + option.shortName() + "' takes no value: '" + a + "'");
                }
                flags.add(option.longName());
                continue;
            }
            if (inlineValue == null) {
                if (i + 1 >= args.length) {
                    throw new BadCommandLine("Missing required parameter for option '" + option.shortName()
                            + "' (" + option.argLabel() + ")");
                }
                inlineValue = args[++i];
            }
            values.put(option.longName(), inlineValue);
        }
        return new Arguments(values.get("configFile"), values.get("namesrvAddr"), flags.contains("printConfigItem"),
                flags.contains("printImportantConfig"), flags.contains("help"), List.copyOf(positional));
    }

    public void usage(PrintStream out) {
        StringBuilder sb = new StringBuilder("Usage: ").append(command);
        for (Option o : options) {
            sb.append(" [").append(o.shortName()).append(o.argLabel() == null ? "" : "=" + o.argLabel()).append(']');
        }
        sb.append(" [").append(positionalLabel).append("...]\n").append(description).append('\n');
        sb.append(String.format("      [%s...]%n", positionalLabel));
        sb.append(String.format("         %s%n", positionalDescription));
        for (Option o : options) {
            String names = o.shortName() + ", --" + o.longName() + (o.argLabel() == null ? "" : "=" + o.argLabel());
            sb.append(String.format("  %-30s %s%n", names, o.description()));
        }
        out.print(sb);
        out.flush();
    }

    private Option byLongName(String name) {
        for (Option o : options) {
            if (o.longName().equals(name)) {
                return o;
            }
        }
        return null;
    }

    private Option byShortName(String name) {
        for (Option o : options) {
            if (o.shortName().equals(name)) {
                return o;
            }
        }
        return null;
    }
}
