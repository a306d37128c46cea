package io.qingliu.cli;

import io.qingliu.QingliuServer;
import io.qingliu.config.ConfigFiles;
import io.qingliu.config.QingliuOptions;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve --config FILE}: the production server. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Start the server with a configuration file (no simulated stations).")
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "Server configuration (JSON; see config/qingliu.json).")
  String config;

  @Override
  public Integer call() throws Exception {
    QingliuOptions options = new QingliuOptions(ConfigFiles.read(config)).applyEnvironment(System.getenv());
    QingliuServer server = Launch.await(QingliuServer.start(options, Clock.systemUTC()));
    Launch.announce(server);
    Launch.runUntilStopped(server);
    return 0;
  }
}
