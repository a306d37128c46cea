package io.qingliu.web.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes (the JDK's implementation), stored as
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}. The iteration count is in each hash, so it can be raised
 * later without invalidating old ones. Hashing is deliberately slow: call it off the event loop.
 */
public final class PasswordHasher {

  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;
  private static final String SCHEME = "pbkdf2-sha256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHasher() {}

  public static String hash(String password) {
    return hash(password, DEFAULT_ITERATIONS);
  }

  public static String hash(String password, int iterations) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(derive(password, salt, iterations));
  }

  /** False for a wrong password, an empty one, and a stored value that is not one of our hashes (never throws). */
  public static boolean verify(String password, String stored) {
    String[] parts = stored.split("\\$");
    if (password.isEmpty() || parts.length != 4 || !SCHEME.equals(parts[0])) {
      return false;
    }
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      byte[] expected = b64.decode(parts[3]);
      int iterations = Integer.parseInt(parts[1]);
      return iterations > 0 && MessageDigest.isEqual(expected, derive(password, b64.decode(parts[2]), iterations));
    } catch (IllegalArgumentException e) { // bad Base64 or count: a corrupted row must not crash a login
      return false;
    }
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }
}
