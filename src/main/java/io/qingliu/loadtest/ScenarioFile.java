package io.qingliu.loadtest;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A scenario: the command's options as JSON keys (the long option name without its dashes, e.g.
 * {@code {"mqtt":"localhost:41883","stations":290,"rate":5000,"no-auth":false}}); keys starting with {@code _} are
 * comments. It serves as the options' defaults, so anything given on the command line wins.
 */
final class ScenarioFile implements CommandLine.IDefaultValueProvider {

  private final JsonObject json;

  private ScenarioFile(JsonObject json) {
    this.json = json;
  }

  /** Reads {@code file} and checks every key names an option of {@code spec}. */
  static ScenarioFile read(Path file, CommandSpec spec) throws IOException {
    JsonObject json = new JsonObject(Files.readString(file));
    for (String key : json.fieldNames()) {
      if (key.startsWith("_")) {
        continue;
      }
      OptionSpec o = spec.findOption("--" + key);
      if (o == null || key.equals("scenario")) {
        throw new CommandLine.ParameterException(spec.commandLine(), file + ": unknown key '" + key
            + "' (keys are the long option names without dashes)");
      }
    }
    return new ScenarioFile(json);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o) || !o.longestName().startsWith("--")) {
      return null;
    }
    Object v = json.getValue(o.longestName().substring(2));
    return v == null ? null : String.valueOf(v);
  }
}
