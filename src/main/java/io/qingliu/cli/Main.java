package io.qingliu.cli;

import io.qingliu.ListenFailure;
import io.qingliu.config.ConfigError;
import io.qingliu.loadtest.LoadtestCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar qingliu.jar <command>}: the one entry point of the server and its tools. */
@Command(name = "qingliu", mixinStandardHelpOptions = true, version = "qingliu 0.1",
    description = "Qingliu 清流: real-time water-quality alerting server.",
    subcommands = {DemoCommand.class, ServeCommand.class, ReplayCommand.class, TraceEvalCommand.class,
        LoadtestCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  public static void main(String[] args) {
    int exit = new CommandLine(new Main()).setExecutionExceptionHandler(Main::explainStartFailure).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * A port in use or a bad configuration is the operator's to fix, so it gets one line saying what, not a stack trace;
   * anything else is rethrown.
   */
  private static int explainStartFailure(Exception e, CommandLine command, CommandLine.ParseResult parsed)
      throws Exception {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ListenFailure || t instanceof ConfigError) {
        command.getErr().println("qingliu: " + t.getMessage());
        return 2;
      }
    }
    throw e;
  }
}
