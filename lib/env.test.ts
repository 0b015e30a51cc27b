import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("names the missing secret in its message", () => {
    expect(() => parseEnv({})).toThrow(ConfigError);
    expect(() => parseEnv({})).toThrow(/BETTER_AUTH_SECRET is required/);
  });

  it("names a malformed URL and a too-short secret", () => {
    expect(() => parseEnv({ BETTER_AUTH_SECRET: "short", APP_URL: "not a url" })).toThrow(
      /BETTER_AUTH_SECRET must be at least 32[\s\S]*APP_URL must be a URL/,
    );
  });

  it("applies defaults and coerces numbers", () => {
    const env = parseEnv({ BETTER_AUTH_SECRET: "x".repeat(32), SIGNUP_CREDITS: "250", APP_URL: "" });
    expect(env.SIGNUP_CREDITS).toBe(250);
    expect(env.APP_URL).toBeUndefined();
  });
});
