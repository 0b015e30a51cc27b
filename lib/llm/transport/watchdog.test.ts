import { describe, expect, it } from "vitest";
import { Watchdog } from "./watchdog";

const timeouts = { connectMs: 60_000, firstTokenMs: 60_000, idleMs: 60_000, answerMs: 60_000, totalMs: 60_000 };
const aborted = (w: Watchdog) => new Promise<void>((resolve) => w.signal.addEventListener("abort", () => resolve(), { once: true }));

describe("attempt watchdog", () => {
  it("a whole-attempt deadline shorter than the phase's still stops the attempt, as a total timeout", async () => {
    const w = new Watchdog({ ...timeouts, totalMs: 20 });
    w.arm("connect");
    await aborted(w);
    expect([w.reason?.code, w.reason?.message]).toEqual(["timeout", "total timeout after 20 ms"]);
  });

  it("the phase deadline fires first when it is the shorter one, and names the phase", async () => {
    const w = new Watchdog({ ...timeouts, firstTokenMs: 20 });
    w.arm("first-token");
    await aborted(w);
    expect([w.reason?.code, w.reason?.message]).toEqual(["timeout", "first-token timeout after 20 ms"]);
  });

});
