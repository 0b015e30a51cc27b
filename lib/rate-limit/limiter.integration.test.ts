import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { AppError } from "@/lib/errors";
import { loadRateLimits } from "./config";
import { enforceRateLimit } from "./limiter";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

describe("per-user rate limits on D1", () => {
  it("refuses exactly the requests past the limit when they all arrive at once", async () => {
    const now = Date.UTC(2026, 10, 22, 3, 0, 15); // 15 s into a minute window
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () => enforceRateLimit(t.db, { userId: "u_ada", name: "suggestion", surface: "suggestion", limit: 30, now })),
    );
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(30);
    expect(refused).toHaveLength(10);
    const err = refused[0]!.reason as AppError;
    expect(err.code).toBe("rate_limit:suggestion");
    expect(err.details).toEqual({ retryAfterSeconds: 45, limit: 30 });
  });

  it("counts each user and each task on its own, and starts afresh in the next minute", async () => {
    const now = Date.UTC(2026, 10, 22, 3, 5, 0);
    for (let i = 0; i < 2; i++) await enforceRateLimit(t.db, { userId: "u_bob", name: "chapter", surface: "chapter", limit: 2, now });
    await expect(enforceRateLimit(t.db, { userId: "u_bob", name: "chapter", surface: "chapter", limit: 2, now })).rejects.toMatchObject({ code: "rate_limit:chapter" });
    await expect(enforceRateLimit(t.db, { userId: "u_bob", name: "outline", surface: "outline", limit: 2, now })).resolves.toBeUndefined();
    await expect(enforceRateLimit(t.db, { userId: "u_cy", name: "chapter", surface: "chapter", limit: 2, now })).resolves.toBeUndefined();
    await expect(enforceRateLimit(t.db, { userId: "u_bob", name: "chapter", surface: "chapter", limit: 2, now: now + 60_000 })).resolves.toBeUndefined();
  });

  it("reads limits from the environment and names a bad value", () => {
    expect(loadRateLimits({ RATE_LIMIT_SUGGESTION_PER_MINUTE: "5" }).suggestion).toBe(5);
    expect(loadRateLimits({}).chapter).toBe(10);
    expect(() => loadRateLimits({ RATE_LIMIT_CHAPTER_PER_MINUTE: "lots" })).toThrow(/RATE_LIMIT_CHAPTER_PER_MINUTE/);
  });
});
