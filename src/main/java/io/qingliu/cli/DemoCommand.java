package io.qingliu.cli;

import io.qingliu.QingliuServer;
import io.qingliu.config.ConfigFiles;
import io.qingliu.config.QingliuOptions;
import io.qingliu.sim.DemoFingerprints;
import io.qingliu.sim.StationSimulator;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the server on the demo network, its own database, and simulated stations publishing over MQTT. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the server on the demo network (Changzhi) with simulated stations. Without a configured "
        + "database (QINGLIU_DB_URL) it runs its own PostgreSQL under the data directory.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", defaultValue = "config/qingliu.json",
      description = "Server configuration (default: ${DEFAULT-VALUE}).")
  String config;

  @Option(names = "--no-sim", description = "Do not start the simulated stations.")
  boolean noSim;

  @Override
  public Integer call() throws Exception {
    QingliuOptions options = new QingliuOptions(ConfigFiles.read(config)).applyEnvironment(System.getenv());
    QingliuServer server = Launch.await(QingliuServer.start(options, Clock.systemUTC()));
    // The simulated tracing stations' discharges are only named if their enterprises have fingerprints.
    int seeded = Launch.await(DemoFingerprints.seed(server));
    if (seeded > 0) {
      System.out.println("Fingerprint library seeded with " + seeded + " demo references");
    }
    if (!noSim) {
      Launch.await(server.vertx().deployVerticle(new StationSimulator(server.network(), "localhost",
          options.getMqtt().getPort(), options.getSimulator())));
    }
    Launch.announce(server);
    System.out.println("Demo accounts: officer / qingliu-officer, viewer / qingliu-viewer, admin / qingliu-admin");
    Launch.runUntilStopped(server);
    return 0;
  }
}
