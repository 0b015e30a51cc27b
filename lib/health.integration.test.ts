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
    expect(health).toMatchObject({ status: "ok", migrations: 1 });
  });

  it("reports unavailable:database when the database cannot answer", async () => {
    const broken = { prepare: () => { throw new Error("D1_ERROR: no such database"); } } as unknown as D1Database;
    const health = await checkDatabase(broken);
    expect(health).toMatchObject({ status: "error", code: "unavailable:database" });
  });
});
