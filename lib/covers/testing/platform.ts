// A real local D1 (with the migrations) and R2 bucket through wrangler's platform proxy, for
// integration tests of covers and export: test/d1.ts's database, which carries the bucket.
import { openTestDatabase, type TestDatabase } from "@/test/d1";

export type TestPlatform = Pick<TestDatabase, "db" | "bucket" | "dispose">;

export const openTestPlatform: () => Promise<TestPlatform> = openTestDatabase;
