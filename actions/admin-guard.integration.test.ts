import { readdirSync } from "node:fs";
import path from "node:path";
import { isValidElement } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import type { SessionUser } from "@/lib/auth/session";

// The walk: every admin page, route handler and action found on disk is called as a non-admin and
// as a signed-out visitor. A new one without the guard fails here without anyone listing it.
// Only the session lookup (which needs a request's cookies) is replaced; the database is a real D1.
let caller: SessionUser | null = null;
let t: TestDatabase;
vi.mock("@/lib/auth/session", () => ({ currentUser: async () => caller }));
vi.mock("@/db/request-db", () => ({ getDb: () => t.db }));
vi.mock("next/navigation", async (original) => ({
  ...(await original<typeof import("next/navigation")>()),
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
}));

const bob: SessionUser = { id: "usr_bob", role: "user", name: "Bob", email: "bob@quire.test" };
const root = path.resolve(__dirname, "..");

function filesNamed(dir: string, name: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && name.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

const pages = filesNamed(path.join(root, "app/(admin)"), /^page\.tsx$/);
const routes = filesNamed(path.join(root, "app/api/admin"), /^route\.ts$/);

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

describe("only admins reach the admin area", () => {
  it("finds the admin pages, routes and actions to check", async () => {
    const actions = await import("@/actions/admin");
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(routes.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(actions).length).toBeGreaterThanOrEqual(2);
  });

  it("every exported admin action refuses a non-admin with forbidden:admin and a visitor with unauthorized:auth", async () => {
    const actions = (await import("@/actions/admin")) as Record<string, (input: unknown) => Promise<[unknown, { code: string } | null]>>;
    for (const [name, action] of Object.entries(actions)) {
      caller = bob;
      const [asUser, userError] = await action({ userId: bob.id, amount: 5, reason: "walk test", requestKey: "walk-test-key-1" });
      expect({ name, data: asUser, code: userError?.code }).toEqual({ name, data: null, code: "forbidden:admin" });
      caller = null;
      const [, visitorError] = await action({});
      expect({ name, code: visitorError?.code }).toEqual({ name, code: "unauthorized:auth" });
    }
  });

  it.each(routes.map((file) => [path.relative(root, file), file]))("%s answers 403 forbidden:admin to a non-admin, 401 to a visitor", async (_, file) => {
    const mod = (await import(file)) as Record<string, (req: Request) => Promise<Response>>;
    const handlers = Object.entries(mod).filter(([method]) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(method));
    expect(handlers.length).toBeGreaterThan(0);
    for (const [method, handler] of handlers) {
      caller = bob;
      const res = await handler(new Request("http://quire.test/api/admin/x?range=30d", { method }));
      expect({ method, status: res.status, body: await res.json() }).toMatchObject({ method, status: 403, body: { error: { code: "forbidden:admin" } } });
      caller = null;
      const anon = await handler(new Request("http://quire.test/api/admin/x", { method }));
      expect({ method, status: anon.status }).toEqual({ method, status: 401 });
    }
  });

  it.each(pages.map((file) => [path.relative(root, file), file]))("%s renders Forbidden for a non-admin and sends a visitor to sign in", async (_, file) => {
    const { Forbidden } = await import("@/components/admin/forbidden");
    const Page = (await import(file)).default as (props: unknown) => Promise<unknown>;
    const props = { searchParams: Promise.resolve({ email: "bob" }), params: Promise.resolve({}) };
    caller = bob;
    const element = await Page(props);
    expect(isValidElement(element) && element.type === Forbidden).toBe(true);
    caller = null;
    await expect(Page(props)).rejects.toThrow(/^redirect:\/sign-in\?next=%2Fadmin/);
  });
});
