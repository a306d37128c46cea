package io.qingliu.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JSON configuration file from the file system, or, when there is no such file, from the copy of
 * {@code config/} packed into the jar, so {@code java -jar qingliu.jar demo} works from any directory.
 */
public final class ConfigFiles {

  private ConfigFiles() {}

  public static JsonObject read(String path) {
    try {
      Path file = Path.of(path);
      if (Files.isRegularFile(file)) {
        return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
      }
      try (InputStream in = ConfigFiles.class.getClassLoader().getResourceAsStream(path.replace('\\', '/'))) {
        if (in == null) {
          throw new IllegalArgumentException("no configuration file " + path + " (looked in "
              + file.toAbsolutePath() + " and in the jar)");
        }
        return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
