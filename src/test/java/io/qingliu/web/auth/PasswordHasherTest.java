package io.qingliu.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  @Test
  void givenAPassword_thenItsHashIsSaltedPbkdf2_verifiesIt_andRefusesAnyOther() {
    String first = PasswordHasher.hash("值班-2026!");
    String second = PasswordHasher.hash("值班-2026!");

    assertThat(first).startsWith("pbkdf2-sha256$600000$").doesNotContain("值班-2026!");
    assertThat(first).as("a fresh salt each time").isNotEqualTo(second);
    assertThat(PasswordHasher.verify("值班-2026!", first)).isTrue();
    assertThat(PasswordHasher.verify("值班-2026", first)).isFalse();
    assertThat(PasswordHasher.verify("", first)).isFalse();
  }

  @Test
  void givenAHashWithFewerIterations_thenItStillVerifies_becauseTheCountTravelsWithTheHash() {
    String old = PasswordHasher.hash("pw", 10_000);

    assertThat(old).startsWith("pbkdf2-sha256$10000$");
    assertThat(PasswordHasher.verify("pw", old)).isTrue();
  }

  @Test
  void givenAMangledStoredHash_thenNothingVerifies() {
    assertThat(PasswordHasher.verify("pw", "plain-text")).isFalse();
    assertThat(PasswordHasher.verify("pw", "pbkdf2-sha256$x$y$z")).isFalse();
  }
}
