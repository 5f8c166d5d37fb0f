package org.siggendiff.crashstats;

import java.util.Map;
import java.util.Optional;

/** A Crash Stats API token; it prints as a placeholder so that it never reaches a log. */
public final class ApiToken {
  /** Environment variables read for the token, in order. */
  public static final String[] ENVIRONMENT_VARIABLES = {"SOCORRO_API_TOKEN", "CRASHSTATS_API_TOKEN"};

  private final String secret;

  public ApiToken(String secret) {
    if (secret.isBlank() || secret.chars().anyMatch(c -> c <= ' ' || c >= 0x7F)) {
      throw new IllegalArgumentException("the API token must be printable ASCII without spaces");
    }
    this.secret = secret;
  }

  /** The token from the first of {@link #ENVIRONMENT_VARIABLES} that is set and not blank. */
  public static Optional<ApiToken> fromEnvironment(Map<String, String> env) {
    for (String name : ENVIRONMENT_VARIABLES) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(new ApiToken(value.strip()));
      }
    }
    return Optional.empty();
  }

  String secret() {
    return secret;
  }

  @Override
  public String toString() {
    return "ApiToken[hidden]";
  }
}
