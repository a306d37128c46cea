package io.qingliu.cli;

import io.qingliu.checks.events.DetectorOptions;
import io.qingliu.checks.events.EventDetector;
import io.qingliu.checks.events.ReplayScore;
import io.qingliu.checks.events.SeriesReplay;
import io.qingliu.config.ConfigFiles;
import io.qingliu.config.QingliuOptions;
import io.qingliu.model.StationKind;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: streams a CSV of evenly spaced readings of one station through the event detector the server runs,
 * in time order, writes the verdict per row, and scores it against a label column when one is given (the label is
 * read for scoring only; the detector never sees it).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay a station's recorded readings through the water-quality event detector and score it. "
        + "Columns other than time, label and context are the monitored parameters; empty cells are missing values.")
public final class ReplayCommand implements Callable<Integer> {

  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "Readings, one row per time step.")
  Path csv;

  @Option(names = "--time-column", defaultValue = "Time", paramLabel = "NAME",
      description = "Time column: yyyy-MM-dd HH:mm:ss (UTC) or ISO-8601 (default: ${DEFAULT-VALUE}).")
  String timeColumn;

  @Option(names = "--label-column", paramLabel = "NAME",
      description = "TRUE/FALSE event labels; when given, the last output line is the score as JSON.")
  String labelColumn;

  @Option(names = "--context", split = ",", paramLabel = "NAMES",
      description = "Context columns (e.g. temperature, flow): they inform, never raise an event alone.")
  List<String> context = new ArrayList<>();

  @Option(names = "--out", required = true, paramLabel = "PRED.csv",
      description = "Predictions: Time,EVENT with TRUE/FALSE per input row.")
  Path out;

  static final String DEFAULT_CONFIG = "config/qingliu.json";

  @Option(names = "--config", paramLabel = "FILE", defaultValue = DEFAULT_CONFIG,
      description = "Server configuration; detector options under checks.events (default: ${DEFAULT-VALUE}).")
  String config;

  @Option(names = "--station-kind", paramLabel = "KIND",
      description = "Use the detector profile of this kind of station (micro, national, fingerprint, outfall): "
          + "checks.events with checks.eventProfiles.<KIND> over it. Default: checks.events alone.")
  String kind;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
    DetectorOptions options = options(config, !DEFAULT_CONFIG.equals(config),
        kind == null ? null : StationKind.of(kind));
    Series s = Series.read(csv, timeColumn, labelColumn);
    for (String c : context) {
      if (!s.names.contains(c)) {
        throw new IllegalArgumentException("--context " + c + ": no such column in " + csv + " " + s.names);
      }
    }
    SeriesReplay.Tally tally = new SeriesReplay.Tally();
    long started = System.nanoTime();
    boolean[] predicted = SeriesReplay.predict(options, s.names, Set.copyOf(context), s.times, s.values, tally);
    long elapsed = System.nanoTime() - started;
    write(out, s.timeText, predicted);

    List<String> monitored = new ArrayList<>(s.names);
    monitored.removeAll(context);
    stdout.printf(Locale.ROOT, "%d rows, step %s, monitored %s, context %s%n", s.times.length, step(s.times),
        monitored, context);
    stdout.printf(Locale.ROOT, "%d event alerts, %d baseline resets, fault rows %s; %.2f µs per reading; "
            + "state %d bytes per station%n", tally.events, tally.resets, tally.faultRows,
        s.times.length == 0 ? 0 : elapsed / 1000.0 / s.times.length,
        EventDetector.estimatedBytes(options, s.names.size(), options.getNeighbours().size()));
    stdout.println("predictions written to " + out);
    if (s.labels != null) {
      stdout.println(ReplayScore.of(s.labels, predicted, s.times).toJson());
    }
    stdout.flush();
    return 0;
  }

  /**
   * The detector options the server would give a station of {@code kind} (or {@code checks.events} when null);
   * defaults when the default file is not there. A file that is there but broken is an error, named or not.
   */
  static DetectorOptions options(String config, boolean explicit, StationKind kind) {
    if (!explicit && !ConfigFiles.exists(config)) {
      return new DetectorOptions();
    }
    QingliuOptions server = new QingliuOptions(ConfigFiles.read(config));
    DetectorOptions options = kind == null ? server.getEvents() : server.eventsFor(kind);
    return options == null ? new DetectorOptions() : options;
  }

  private static void write(Path out, String[] times, boolean[] predicted) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("Time,EVENT\n");
      for (int i = 0; i < times.length; i++) {
        w.write(times[i]);
        w.write(predicted[i] ? ",TRUE\n" : ",FALSE\n");
      }
    }
  }

  private static String step(long[] times) {
    if (times.length < 2) {
      return "-";
    }
    long[] d = new long[Math.min(times.length - 1, 1000)];
    for (int i = 0; i < d.length; i++) {
      d[i] = times[i + 1] - times[i];
    }
    Arrays.sort(d);
    return (d[d.length / 2] / 1000) + " s";
  }

  /** A CSV of one station's readings, parsed into columns. */
  public static final class Series {
    public final List<String> names = new ArrayList<>();
    public String[] timeText;
    public long[] times;
    public double[][] values;
    /** Null without a label column. */
    public boolean[] labels;

    /** Reads the file; every column but time and label becomes a signal, in file order. */
    public static Series read(Path file, String timeColumn, String labelColumn) throws IOException {
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String header = r.readLine();
        if (header == null) {
          throw new IllegalArgumentException(file + " is empty");
        }
        List<String> columns = split(header.startsWith("\uFEFF") ? header.substring(1) : header);
        int time = columns.indexOf(timeColumn);
        if (time < 0) {
          throw new IllegalArgumentException("no time column " + timeColumn + " in " + file + " " + columns);
        }
        int label = labelColumn == null ? -1 : columns.indexOf(labelColumn);
        if (labelColumn != null && label < 0) {
          throw new IllegalArgumentException("no label column " + labelColumn + " in " + file + " " + columns);
        }
        Series s = new Series();
        int[] signalColumns = new int[columns.size()];
        int n = 0;
        for (int c = 0; c < columns.size(); c++) {
          if (c != time && c != label) {
            s.names.add(columns.get(c));
            signalColumns[n++] = c;
          }
        }
        List<String> timeText = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = r.readLine()) != null) {
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          List<String> cells = split(line);
          if (cells.size() != columns.size()) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": " + cells.size() + " cells, expected "
                + columns.size());
          }
          timeText.add(cells.get(time));
          double[] v = new double[n];
          for (int i = 0; i < n; i++) {
            v[i] = number(cells.get(signalColumns[i]), file, lineNo);
          }
          rows.add(v);
          if (label >= 0) {
            labels.add(bool(cells.get(label), file, lineNo));
          }
        }
        s.timeText = timeText.toArray(new String[0]);
        s.values = rows.toArray(new double[0][]);
        s.times = new long[s.timeText.length];
        for (int i = 0; i < s.times.length; i++) {
          s.times[i] = parseTime(s.timeText[i], file, i + 2);
          if (i > 0 && s.times[i] <= s.times[i - 1]) {
            throw new IllegalArgumentException(file + ": rows are not in increasing time order at " + s.timeText[i]);
          }
        }
        if (label >= 0) {
          s.labels = new boolean[labels.size()];
          for (int i = 0; i < s.labels.length; i++) {
            s.labels[i] = labels.get(i);
          }
        }
        return s;
      }
    }

    /** Splits one CSV line; cells may be double-quoted (with "" for a quote). */
    static List<String> split(String line) {
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char ch = line.charAt(i);
        if (quoted) {
          if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else if (ch == '"') {
            quoted = false;
          } else {
            cell.append(ch);
          }
        } else if (ch == '"') {
          quoted = true;
        } else if (ch == ',') {
          cells.add(cell.toString().trim());
          cell.setLength(0);
        } else {
          cell.append(ch);
        }
      }
      cells.add(cell.toString().trim());
      return cells;
    }

    private static final Set<String> MISSING = new LinkedHashSet<>(List.of("", "NA", "NaN", "nan", "null"));

    private static double number(String cell, Path file, int line) {
      if (MISSING.contains(cell)) {
        return Double.NaN;
      }
      try {
        double v = Double.parseDouble(cell);
        return Double.isFinite(v) ? v : Double.NaN;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(file + ":" + line + ": not a number: " + cell);
      }
    }

    private static boolean bool(String cell, Path file, int line) {
      switch (cell) {
        case "TRUE", "True", "true", "T", "1":
          return true;
        case "FALSE", "False", "false", "F", "0":
          return false;
        default:
          throw new IllegalArgumentException(file + ":" + line + ": label is not TRUE/FALSE: " + cell);
      }
    }

    static long parseTime(String text, Path file, int line) {
      try {
        if (text.length() == 19 && text.charAt(10) == ' ') {
          return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (text.endsWith("Z")) {
          return Instant.parse(text).toEpochMilli();
        }
        if (text.matches(".*[+-]\\d\\d:\\d\\d$")) {
          return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant().toEpochMilli();
        }
        return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(file + ":" + line + ": cannot read the time " + text
            + " (want yyyy-MM-dd HH:mm:ss or ISO-8601)");
      }
    }
  }
}
