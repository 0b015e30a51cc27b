import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { ConfigError, parseEnv } from "./env";

const RANDOM_SECRET = "9f2c4e1ab37d58e06c4b2a91f7d3e8c5a0b6f1d2e3c4b5a6978812345abcdef0";

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
    const env = parseEnv({ BETTER_AUTH_SECRET: RANDOM_SECRET, SIGNUP_CREDITS: "250", APP_URL: "" });
    expect(env.SIGNUP_CREDITS).toBe(250);
    expect(env.APP_URL).toBeUndefined();
  });

  it("refuses the placeholder secret of .env.example, so a copied example cannot start", () => {
    const line = readFileSync(new URL("../.env.example", import.meta.url), "utf8").match(/^#?\s*BETTER_AUTH_SECRET=(.+)$/m);
    expect(line, ".env.example shows a BETTER_AUTH_SECRET line").not.toBeNull();
    const placeholder = line![1]!.trim();
    expect(placeholder.length).toBeGreaterThanOrEqual(32);
    expect(() => parseEnv({ BETTER_AUTH_SECRET: placeholder })).toThrow(/BETTER_AUTH_SECRET is a placeholder/);
  });

  it("refuses a long but trivial secret and accepts a random one", () => {
    expect(() => parseEnv({ BETTER_AUTH_SECRET: "x".repeat(64) })).toThrow(/BETTER_AUTH_SECRET is a placeholder/);
    expect(() => parseEnv({ BETTER_AUTH_SECRET: "change-me-please-to-something-random-123456" })).toThrow(/placeholder/);
    expect(parseEnv({ BETTER_AUTH_SECRET: RANDOM_SECRET }).BETTER_AUTH_SECRET).toBe(RANDOM_SECRET);
  });
});
