import "server-only";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { createDb, type Db } from "./client";

const cache = new WeakMap<D1Database, Db>();

/** The database of the current request, from the worker's DB binding. */
export function getDb(): Db {
  const d1 = getCloudflareContext().env.DB;
  let db = cache.get(d1);
  if (!db) {
    db = createDb(d1);
    cache.set(d1, db);
  }
  return db;
}
