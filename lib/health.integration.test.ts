import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { checkDatabase } from "./health";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

describe("checkDatabase", () => {
  it("reports ok with the number of applied migrations", async () => {
    const health = await checkDatabase(t.d1);
    // Every migration file in db/migrations is applied (the count grows as migrations are added).
    const files = readdirSync(path.resolve(__dirname, "../db/migrations")).filter((f) => f.endsWith(".sql"));
    expect(health).toMatchObject({ status: "ok", migrations: files.length });
  });

  it("reports unavailable:database when the database cannot answer", async () => {
    const broken = { prepare: () => { throw new Error("D1_ERROR: no such database"); } } as unknown as D1Database;
    const health = await checkDatabase(broken);
    expect(health).toMatchObject({ status: "error", code: "unavailable:database" });
  });
});
