package io.qingliu.config;

/**
 * The operator's configuration cannot be used: a file missing or not JSON, an environment variable out of range. The
 * message names the file or variable and what is wrong with it, so the command line can show it as one line.
 */
public final class ConfigError extends RuntimeException {

  public ConfigError(String message) {
    super(message);
  }

  public ConfigError(String message, Throwable cause) {
    super(message, cause);
  }
}
