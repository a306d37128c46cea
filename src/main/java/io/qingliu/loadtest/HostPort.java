package io.qingliu.loadtest;

/** An MQTT broker address, {@code host:port}. */
record HostPort(String host, int port) {

  static HostPort parse(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("expected HOST:PORT, got '" + s + "'");
    }
    return new HostPort(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
