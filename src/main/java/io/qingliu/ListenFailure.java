package io.qingliu;

import io.vertx.core.Future;

/**
 * A listener could not open its port. The message names the listener, the port and the settings that move it,
 * because the usual cause is another program on the port (an MQTT broker on 1883, another server on 8080) and the
 * operator's next step is to pick a free one.
 */
public final class ListenFailure extends RuntimeException {

  private ListenFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code listening}, or when it fails a {@code ListenFailure} for {@code what} on {@code port}. */
  static <T> Future<T> explain(Future<T> listening, String what, int port, String env, String key) {
    return listening.recover(e -> Future.failedFuture(new ListenFailure("cannot listen for " + what + " on port "
        + port + " (" + e.getMessage() + "); if another program holds it, choose a free port with " + env
        + " or \"" + key + "\" in the configuration", e)));
  }
}
