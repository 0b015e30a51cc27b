export type DatabaseHealth =
  | { status: "ok"; latencyMs: number; migrations: number }
  | { status: "error"; latencyMs: number; code: "unavailable:database" };

/** Asks D1 a real question: how many migrations have been applied. */
export async function checkDatabase(d1: D1Database): Promise<DatabaseHealth> {
  const started = Date.now();
  try {
    const row = await d1.prepare("SELECT count(*) AS n FROM d1_migrations").first<{ n: number }>();
    return { status: "ok", latencyMs: Date.now() - started, migrations: row?.n ?? 0 };
  } catch (err) {
    console.error("[quire] health check: database did not answer", err);
    return { status: "error", latencyMs: Date.now() - started, code: "unavailable:database" };
  }
}
