import type { SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

const dialect = new SQLiteAsyncDialect();

/**
 * Runs raw SQL statements as ONE D1 batch (applied all together or not at all) and returns each
 * statement's rows. drizzle's own db.batch only takes query builders; upserts with `count = count + 1`
 * and RETURNING read clearer as SQL.
 */
export async function runRawBatch<Row = Record<string, unknown>>(db: Db, statements: SQL[]): Promise<Row[][]> {
  if (statements.length === 0) return [];
  // createDb wraps a D1 binding; drizzle keeps it as $client, which the Db type does not spell out.
  const d1 = (db as Db & { $client: D1Database }).$client;
  const prepared = statements.map((s) => {
    const query = dialect.sqlToQuery(s);
    return d1.prepare(query.sql).bind(...query.params);
  });
  const results = await d1.batch<Row>(prepared);
  return results.map((r: D1Result<Row>) => r.results ?? []);
}
