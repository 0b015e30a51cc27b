/**
 * Rate limits count per clock minute (lib/rate-limit/limiter.ts). A test that uses a limit up and
 * then asks once more must do both inside one minute, or the window turns between them and the last
 * request is let through: when fewer than `needMs` are left in this minute, wait for the next one.
 */
export async function startEarlyInAMinute(needMs = 20_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 250));
}
