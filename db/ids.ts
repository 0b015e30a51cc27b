/**
 * A random id with a readable prefix (`bk_…` for a book), so logs say what an id names: 12 random
 * bytes as 24 base-36 characters. Also used in the browser, which names a job before starting it
 * (see lib/jobs/job-id.ts), so this file imports nothing. Here in db/ because the schema
 * makes ids too (db imports nothing from lib).
 */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let out = "";
  for (const b of bytes) out += b.toString(36).padStart(2, "0");
  return `${prefix}_${out}`;
}
