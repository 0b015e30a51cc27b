import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import type { SessionUser } from "@/lib/auth/session";
import type { RouteHandler } from "@/lib/http/route";
import { startEarlyInAMinute } from "@/test/rate-window";

// The walk: every route.ts on disk is imported and each exported method must be built by the route
// procedure (lib/http/route.ts). Then, from what each handler says about itself, every cookie-signed
// route that changes something must refuse a foreign Origin, and every route that reads a body must
// refuse one past its cap. A new route is covered without anyone listing it. Only the session lookup
// (which needs a request's cookies) and the worker context are replaced; the database is a real D1.
vi.stubEnv("BETTER_AUTH_SECRET", "routes-walk-7f3a9c1e5b2d8046af19c3e7d5b2a8f6");
vi.stubEnv("APP_URL", "http://quire.test");
const deferred = vi.hoisted(() => [] as Promise<unknown>[]);
let caller: SessionUser | null = null;
let t: TestDatabase;
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => caller, getAuth: () => ({ handler: async () => new Response("better-auth") }) }));
vi.mock("@/db/request-db", () => ({ getDb: () => t.db }));
vi.mock("@opennextjs/cloudflare", () => ({ getCloudflareContext: () => ({ env: { BUCKET: t.bucket, DB: t.d1 }, ctx: { waitUntil: (work: Promise<unknown>) => deferred.push(work) } }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const ORIGIN = "http://quire.test";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const root = path.resolve(__dirname, "../..");
const files = readdirSync(path.join(root, "app"), { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name === "route.ts")
  .map((e) => path.join(e.parentPath, e.name));

/** A valid value for each dynamic segment, so the request gets past the params to what is tested. */
const SAMPLE_PARAMS: Record<string, string | string[]> = { bookId: "bk_walk00000001", jobId: "job_walk00000001", format: "epub", all: ["sign-in", "email"] };
function paramsFor(file: string) {
  const names = [...path.relative(root, file).matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);
  return { params: Promise.resolve(Object.fromEntries(names.map((n) => [n, SAMPLE_PARAMS[n]]))) };
}
function urlFor(file: string): string {
  const route = path.relative(path.join(root, "app"), path.dirname(file)).replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, n: string) => [SAMPLE_PARAMS[n]].flat().join("/"));
  return `${ORIGIN}/${route}`;
}

type Found = { name: string; file: string; method: string; handler: RouteHandler };
let handlers: Found[] = [];
let ada: SessionUser;
let admin: SessionUser;
let apiKey: string;
let internal: string;

/** Who each kind of route answers: the credentials a real caller of it brings. */
function signIn(kind: string): Record<string, string> {
  caller = kind === "admin" ? admin : kind === "signedIn" ? ada : null;
  if (kind === "apiKey") return { authorization: `Bearer ${apiKey}` };
  if (kind === "internal") return { "x-quire-internal": internal };
  return {};
}
async function codeOf(res: Response): Promise<string> {
  const body = (await res.json()) as { error?: { code?: string } };
  return body.error?.code ?? "";
}
function endless(limit: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      const size = Math.min(64 * 1024, limit + 1 - sent);
      if (size <= 0) return c.close();
      sent += size;
      c.enqueue(new Uint8Array(size).fill(0x7b));
    },
  });
}

beforeAll(async () => {
  t = await openTestDatabase();
  const a = await signUp(t.db, "Ada");
  ada = { ...a, name: "Ada" };
  const b = await signUp(t.db, "Root");
  admin = { ...b, role: "admin", name: "Root" };
  const { createApiKey } = await import("@/lib/gateway/api-keys");
  apiKey = (await createApiKey(t.db, ada, "walk")).secret;
  const { internalToken } = await import("@/lib/jobs/internal-token");
  internal = await internalToken(process.env.BETTER_AUTH_SECRET!);
  for (const file of files) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (mod[method]) handlers.push({ name: `${method} ${path.relative(root, file)}`, file, method, handler: mod[method] as RouteHandler });
    }
  }
});
afterAll(async () => {
  await Promise.allSettled(deferred);
  await t?.dispose();
});

describe("every route goes through the route procedure", () => {
  it("finds every route.ts, and each exported method is built by lib/http/route", async () => {
    expect(files.length).toBeGreaterThanOrEqual(13);
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const methods = METHODS.filter((m) => m in mod);
      expect({ file: path.relative(root, file), methods: methods.length > 0 }).toEqual({ file: path.relative(root, file), methods: true });
      for (const m of methods) {
        const info = (mod[m] as Partial<RouteHandler>).route;
        expect({ route: `${m} ${path.relative(root, file)}`, kind: info?.kind }).toEqual({ route: `${m} ${path.relative(root, file)}`, kind: expect.stringMatching(/^(public|signedIn|admin|apiKey|internal)$/) });
      }
    }
  });

  it("signs with the session cookie only where it must, and every /api/v1 route answers in OpenAI's shape with a key", () => {
    const byName = Object.fromEntries(handlers.map((h) => [h.name, h.handler.route]));
    expect(byName["POST app/api/suggestions/route.ts"]).toMatchObject({ kind: "signedIn", cookieAuth: true });
    expect(byName["POST app/api/playground/chat/route.ts"]).toMatchObject({ kind: "signedIn", cookieAuth: true, errors: "openai" });
    for (const h of handlers.filter((x) => x.name.includes("app/api/v1/"))) expect({ name: h.name, ...h.handler.route }).toMatchObject({ kind: "apiKey", cookieAuth: false, errors: "openai" });
    for (const h of handlers.filter((x) => x.name.includes("app/api/internal/"))) expect({ name: h.name, kind: h.handler.route.kind }).toEqual({ name: h.name, kind: "internal" });
    for (const h of handlers.filter((x) => x.name.includes("app/api/admin/"))) expect({ name: h.name, kind: h.handler.route.kind }).toEqual({ name: h.name, kind: "admin" });
  });
});

describe("cookie-signed routes refuse a foreign page", () => {
  it("answers 403 to a foreign Origin (also with a text/plain body), and to none at all, on every unsafe cookie-signed method", async () => {
    const targets = handlers.filter((h) => h.handler.route.cookieAuth && h.method !== "GET");
    expect(targets.map((h) => h.name)).toEqual(expect.arrayContaining(["POST app/api/suggestions/route.ts", "POST app/api/playground/chat/route.ts", "POST app/api/suggestions/check/route.ts"]));
    for (const h of targets) {
      for (const origin of ["https://evil.example", "null", undefined]) {
        const headers: Record<string, string> = { ...signIn(h.handler.route.kind), "content-type": "text/plain" };
        if (origin) headers.origin = origin;
        const res = await h.handler(new Request(urlFor(h.file), { method: h.method, headers, body: "{}" }), paramsFor(h.file));
        expect({ route: h.name, origin, status: res.status, code: await codeOf(res) }).toEqual({ route: h.name, origin, status: 403, code: `forbidden:${h.handler.route.surface}` });
      }
    }
  });
});

describe("bodies are capped while they are read", () => {
  it("answers 413 to a body one byte past the cap, declared or streamed, on every route that reads one", async () => {
    const targets = handlers.filter((h) => h.handler.route.maxBytes !== undefined && h.method !== "GET");
    expect(targets.map((h) => h.name)).toEqual(
      expect.arrayContaining(["POST app/api/suggestions/route.ts", "POST app/api/playground/chat/route.ts", "POST app/api/v1/chat/completions/route.ts", "POST app/api/books/[bookId]/cover/route.ts", "POST app/api/auth/[...all]/route.ts"]),
    );
    for (const h of targets) {
      const max = h.handler.route.maxBytes!;
      const base = { ...signIn(h.handler.route.kind), origin: ORIGIN, "content-type": "application/json" };
      const declared = await h.handler(new Request(urlFor(h.file), { method: h.method, headers: { ...base, "content-length": String(max + 1) }, body: "{}" }), paramsFor(h.file));
      expect({ route: h.name, how: "declared", status: declared.status }).toEqual({ route: h.name, how: "declared", status: 413 });
      signIn(h.handler.route.kind);
      const streamed = await h.handler(new Request(urlFor(h.file), { method: h.method, headers: base, body: endless(max), duplex: "half" } as RequestInit), paramsFor(h.file));
      expect({ route: h.name, how: "streamed", status: streamed.status, code: await codeOf(streamed) }).toMatchObject({ route: h.name, how: "streamed", status: 413, code: expect.stringMatching(/^payload_too_large:/) });
    }
  });
});

describe("rate limits of covers and exports", { timeout: 60_000 }, () => {
  it("refuses the 21st export in a minute with rate_limit:export and a retry time", async () => {
    const bob = { ...(await signUp(t.db, "Bob")), name: "Bob" } as SessionUser;
    const { createBook } = await import("@/lib/books/library");
    const book = await createBook(t.db, bob, { title: "Limits", premise: "A keeper counts the ships that pass.", genre: "Fantasy", audience: "Adult", tone: "Warm", chapterCount: 1, wordsPerChapter: 300 });
    const { GET } = await import("@/app/api/books/[bookId]/export/[format]/route");
    const statuses: number[] = [];
    await startEarlyInAMinute();
    for (let i = 0; i < 21; i++) {
      caller = bob;
      const res = await GET(new Request(`${ORIGIN}/api/books/${book.id}/export/markdown`), { params: Promise.resolve({ bookId: book.id, format: "markdown" }) });
      statuses.push(res.status);
      if (i === 20) {
        expect(await codeOf(res)).toBe("rate_limit:export");
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      } else await res.body?.cancel();
    }
    expect(statuses.slice(0, 20).every((s) => s !== 429)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it("refuses the 6th cover generation in a minute with rate_limit:cover and a retry time", async () => {
    const cy = { ...(await signUp(t.db, "Cy")), name: "Cy" } as SessionUser;
    const { createBook } = await import("@/lib/books/library");
    const book = await createBook(t.db, cy, { title: "Covers", premise: "A painter paints the same door six times.", genre: "Fantasy", audience: "Adult", tone: "Warm", chapterCount: 1, wordsPerChapter: 300 });
    const { generateCoverAction } = await import("@/actions/covers");
    const errors: (string | undefined)[] = [];
    let last: { code: string; details?: Record<string, unknown> } | null = null;
    await startEarlyInAMinute();
    for (let i = 0; i < 6; i++) {
      caller = cy;
      const [, err] = await generateCoverAction({ bookId: book.id });
      errors.push(err?.code);
      last = err as typeof last;
    }
    expect(errors.slice(0, 5).filter((c) => c?.startsWith("rate_limit"))).toEqual([]);
    expect(last).toMatchObject({ code: "rate_limit:cover", details: { retryAfterSeconds: expect.any(Number) } });
  });
});

describe("the gateway looks its key up itself", () => {
  it("answers an unknown key 401 even when its body would be refused, and a known key's bad body 400", async () => {
    const h = handlers.find((x) => x.name === "POST app/api/v1/chat/completions/route.ts")!;
    const post = (authorization: string) =>
      h.handler(new Request(urlFor(h.file), { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify({ model: 7 }) }), paramsFor(h.file));
    const unknown = await post(`Bearer qk_${"n".repeat(40)}`);
    expect({ status: unknown.status, code: await codeOf(unknown) }).toEqual({ status: 401, code: "unauthorized:api" });
    const known = await post(`Bearer ${apiKey}`);
    expect(known.status).toBe(400);
  });
});
