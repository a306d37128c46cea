package io.qingliu.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JSON configuration file from the file system, or, when there is no such file, from the copy of
 * {@code config/} packed into the jar, so {@code java -jar qingliu.jar demo} works from any directory.
 */
public final class ConfigFiles {

  private ConfigFiles() {}

  /** Whether {@link #read} finds {@code path}, in the file system or in the jar. */
  public static boolean exists(String path) {
    return Files.isRegularFile(Path.of(path)) || ConfigFiles.class.getClassLoader().getResource(inJar(path)) != null;
  }

  public static JsonObject read(String path) {
    try {
      Path file = Path.of(path);
      if (Files.isRegularFile(file)) {
        return parse(path, Files.readString(file, StandardCharsets.UTF_8));
      }
      try (InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream(inJar(path))) {
        if (in == null) {
          throw new ConfigError("no configuration file " + path + " (looked in " + file.toAbsolutePath()
              + " and in the jar)");
        }
        return parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new ConfigError("cannot read " + path + ": " + e, e);
    }
  }

  private static String inJar(String path) {
    return path.replace('\\', '/');
  }

  private static JsonObject parse(String path, String text) {
    try {
      return new JsonObject(text);
    } catch (DecodeException e) {
      // Jackson's message: what it found on the first line, where on a later one
      Matcher where = Pattern.compile("line: (\\d+), column: (\\d+)").matcher(e.getMessage());
      throw new ConfigError(path + " is not a JSON object: " + e.getMessage().lines().findFirst().orElse("")
          .replaceFirst("^Failed to decode: ?", "") + (where.find() ? " (line " + where.group(1) + ", column "
          + where.group(2) + ")" : ""), e);
    }
  }
}
