package io.qingliu.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** An ephemeral port for a test server (1883 and 8080 may be taken: Mosquitto holds 1883 here). */
public final class FreePort {

  private FreePort() {}

  public static int next() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
