package io.qingliu.loadtest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code loadtest}: the load generator. Simulated stations publish readings over MQTT (and/or HTTP batches) on a fixed
 * open-loop timetable; it measures PUBACK, HTTP and end-to-end alert latency from each reading's intended send time,
 * reconciles with PostgreSQL, writes a report and prints one JSON summary as its last line.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true, sortOptions = false, version = "qingliu loadtest 0.1",
    description = {"Load generator: N stations publish readings at an aggregate open-loop rate; measures PUBACK, HTTP "
        + "and end-to-end alert latency (HdrHistogram), reconciles with PostgreSQL, writes a report to "
        + "--out/<name>-<time>/ and prints a one-line JSON summary last.",
        "Example: loadtest --scenario loadtest/scenarios/smoke.json --rate 2000"},
    footer = {"A scenario file holds these options as JSON keys (long names without dashes); the command line wins."})
public final class LoadtestCommand implements Callable<Integer> {

  @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario file (JSON): defaults for every option.")
  Path scenario;

  @Option(names = "--name", description = "Run name for the report directory (default: the scenario's file name).")
  String name;

  @Option(names = "--mqtt", paramLabel = "HOST:PORT", description = "MQTT broker to publish to.")
  String mqtt;

  @Option(names = "--stations", paramLabel = "N", defaultValue = "0",
      description = "MQTT connections, one station each (0: one per network station; --no-auth: default 100).")
  int stations;

  @Option(names = "--rate", paramLabel = "R", defaultValue = "1000",
      description = "Readings per second over MQTT, all connections together (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--per-publish", paramLabel = "K", defaultValue = "1",
      description = "Readings per MQTT publish (K > 1: a JSON array; the rate stays in readings/s). Default 1.")
  int perPublish;

  @Option(names = "--duration", paramLabel = "S", defaultValue = "10", description = "Seconds of timetable.")
  int duration;

  @Option(names = "--warmup", paramLabel = "S", defaultValue = "0",
      description = "Seconds at the start whose latencies are not recorded (the readings still count).")
  int warmup;

  @Option(names = "--qos", defaultValue = "1", description = "0 or 1 (default ${DEFAULT-VALUE}).")
  int qos;

  @Option(names = "--window", paramLabel = "W", defaultValue = "64",
      description = "Publishes in flight per connection (MqttClientOptions.maxInflightQueue; Qingliu disconnects "
          + "above its receiveMaximum, 256 by default).")
  int window;

  @Option(names = "--backlog", paramLabel = "B", defaultValue = "-1",
      description = "Readings held per connection while its window is full; beyond, they are missed (default: W).")
  int backlog;

  @Option(names = "--loops", paramLabel = "L", defaultValue = "0",
      description = "Event loops for the connections (default: the number of cores, at least 2).")
  int loops;

  @Option(names = "--connect-rate", paramLabel = "C", defaultValue = "1000", description = "New connections per second.")
  int connectRate;

  @Option(names = "--ack-timeout", paramLabel = "S", defaultValue = "0",
      description = "Seconds before a PUBACK is given up (0: never during the run, costs no timer per publish; what is "
          + "unacknowledged after the drain is settled at the end). HTTP requests time out after this or 60 s.")
  int ackTimeout;

  @Option(names = "--drain", paramLabel = "S", defaultValue = "15",
      description = "Seconds after the timetable to wait for acknowledgements and alerts.")
  int drain;

  @Option(names = "--api", paramLabel = "URL",
      description = "The server's HTTP base URL for login and GET /api/v1/network (default: from --http or --ws).")
  String api;

  @Option(names = "--http", paramLabel = "URL", description = "HTTP batch ingest to URL/api/v1/readings.")
  String http;

  @Option(names = "--http-rate", paramLabel = "R",
      description = "Readings per second over HTTP (default: --rate).")
  Double httpRate;

  @Option(names = "--http-batch", paramLabel = "N", defaultValue = "1000", description = "Readings per HTTP request.")
  int httpBatch;

  @Option(names = "--http-inflight", paramLabel = "N", defaultValue = "4", description = "HTTP requests open at once.")
  int httpInflight;

  @Option(names = "--http-key", paramLabel = "KEY",
      description = "Integrator key (Bearer); without it each batch is one station's, with its Basic credentials.")
  String httpKey;

  @Option(names = "--ws", paramLabel = "URL",
      description = "WebSocket (ws://host:port/ws) for end-to-end alert latency; some readings then trip alerts.")
  String ws;

  @Option(names = "--alert-every", paramLabel = "N", defaultValue = "1000",
      description = "With --ws: every N publishes of a river/lake station start a burst of 3 readings with nh3n = 5.0 "
          + "(the third trips k=3 of 5).")
  int alertEvery;

  @Option(names = "--db", paramLabel = "URL",
      description = "postgresql://user[:pw]@host:port/db (or datadir:DIR for a demo's embedded database) to reconcile.")
  String db;

  @Option(names = "--no-auth", description = "Any broker: synthetic stations LT-00001… without credentials.")
  boolean noAuth;

  @Option(names = "--user", defaultValue = "officer", description = "Officer for the API and WebSocket.")
  String user;

  @Option(names = "--password", defaultValue = "qingliu-officer", description = "The officer's password.")
  String password;

  @Option(names = "--secrets", paramLabel = "FILE",
      description = "Network file with the stations' secrets (default: --secret-template).")
  String secrets;

  @Option(names = "--secret-template", defaultValue = "demo-{id}",
      description = "Station secret; {id} is the lower-case id (default ${DEFAULT-VALUE}, the demo's rule).")
  String secretTemplate;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "loadtest/reports", description = "Report root.")
  Path out;

  @Option(names = "--compare-mqtt", paramLabel = "HOST:PORT",
      description = "Then run the same MQTT load against this broker (e.g. Mosquitto), anonymously, for comparison.")
  String compareMqtt;

  @Spec
  CommandSpec spec;

  /** Where progress and the summary go (tests capture it). */
  PrintStream out0 = System.out;
  private boolean scenarioApplied;

  /** Runs the generator on its own: {@code java -cp qingliu.jar io.qingliu.loadtest.LoadtestCommand …}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadtestCommand()).execute(args));
  }

  /** Sets where the output goes; for callers that run the command in-process. */
  public LoadtestCommand output(PrintStream stream) {
    this.out0 = stream;
    return this;
  }

  @Override
  public Integer call() throws Exception {
    if (scenario != null && !scenarioApplied) {
      return withScenario();
    }
    Settings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    RunResult main;
    RunResult compare = null;
    try {
      main = new Loadtest(settings, out0).run();
      if (settings.compareMqtt() != null && settings.mqttEnabled()) {
        out0.println("now the same load against " + settings.compareMqtt());
        compare = new Loadtest(settings.against(settings.compareMqtt(), settings.name() + "-compare"), out0).run();
        out0.println("compare " + settings.compareMqtt() + ": " + compare.summary().encode());
      }
    } catch (IllegalStateException | IllegalArgumentException e) {
      out0.println("loadtest failed: " + e.getMessage());
      return 2;
    }
    Path dir = Report.write(main, compare);
    for (String note : main.notes) {
      out0.println("note: " + note);
    }
    out0.println("report: " + dir.resolve("report.html"));
    out0.println(main.summary().encode());
    out0.flush();
    return 0;
  }

  /** Parses the same command line again with the scenario as the options' defaults. */
  private Integer withScenario() throws Exception {
    LoadtestCommand again = new LoadtestCommand();
    again.out0 = out0;
    again.scenarioApplied = true;
    CommandLine cl = new CommandLine(again);
    cl.setDefaultValueProvider(ScenarioFile.read(scenario, cl.getCommandSpec()));
    cl.parseArgs(commandLineArgs().toArray(String[]::new));
    if (again.name == null) {
      again.name = scenario.getFileName().toString().replaceFirst("\\.json$", "");
    }
    return again.call();
  }

  /** The options given on this command line, as arguments. */
  private List<String> commandLineArgs() {
    List<String> args = new ArrayList<>();
    for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      if (o.arity().max() == 0) {
        args.add(o.longestName());
      } else {
        for (String v : o.originalStringValues()) {
          args.add(o.longestName());
          args.add(v);
        }
      }
    }
    return args;
  }

  private Settings settings() {
    HostPort broker = HostPort.parse(mqtt);
    if (broker == null && http == null) {
      throw new IllegalArgumentException("give --mqtt HOST:PORT and/or --http URL");
    }
    if (qos != 0 && qos != 1) {
      throw new IllegalArgumentException("--qos is 0 or 1");
    }
    if (duration < 1 || rate < 0 || window < 1 || window > 65_000) {
      throw new IllegalArgumentException("need --duration >= 1, --rate >= 0 and 1 <= --window <= 65000");
    }
    if (broker != null && !noAuth && window > 256) {
      out0.println("warning: --window " + window + " is above Qingliu's default receiveMaximum (256): the server will"
          + " disconnect connections that use it");
    }
    String apiBase = api != null ? api : http != null ? base(http) : ws != null ? base(ws) : null;
    int n = stations > 0 ? stations : noAuth ? 100 : 0;
    double httpR = http == null ? 0 : httpRate != null ? httpRate : rate;
    for (String url : new String[] {apiBase, http, ws}) {
      loopbackOnly(url);
    }
    if (broker != null) {
      loopbackOnly("mqtt://" + broker);
    }
    HostPort compare = HostPort.parse(compareMqtt);
    if (compare != null) {
      loopbackOnly("mqtt://" + compare);
    }
    if (perPublish < 1 || perPublish > 1000) {
      throw new IllegalArgumentException("--per-publish is 1..1000");
    }
    return new Settings(name != null ? name : "adhoc", broker, n, broker == null ? 0 : rate, perPublish, duration,
        Math.min(warmup, duration - 1), qos, window, backlog < 0 ? window : backlog,
        loops > 0 ? loops : Math.max(2, Runtime.getRuntime().availableProcessors()), Math.max(1, connectRate),
        ackTimeout, drain, apiBase, http, httpR, httpBatch, Math.max(1, httpInflight), httpKey, ws, alertEvery, db,
        noAuth, user, password, secrets, secretTemplate, out, compare);
  }

  /** http://host:port from any http(s)/ws(s) URL. */
  static String base(String url) {
    java.net.URI u = java.net.URI.create(url);
    String scheme = u.getScheme().toLowerCase(Locale.ROOT).replace("ws", "http");
    return scheme + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
  }

  /** A load generator must not be pointed at someone else's machine by accident: loopback addresses only. */
  static void loopbackOnly(String url) {
    if (url == null) {
      return;
    }
    String host = java.net.URI.create(url).getHost();
    try {
      if (host == null || !java.net.InetAddress.getByName(host).isLoopbackAddress()) {
        throw new IllegalArgumentException(url + " is not a loopback address: this generator only loads this machine");
      }
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("unknown host in " + url);
    }
  }
}
