import { describe, expect, it } from "vitest";
import { remainderAtExpiry } from "./expiry";

const row = (id: string, amount: number, expiresAt: number | null = null, isExpiry = false) => ({ id, amount, expiresAt, isExpiry });

describe("what is left of a grant when it expires", () => {
  it("spending draws on the soonest-expiring grant first", () => {
    // 100 expiring at 10, 100 expiring at 20, 500 never; 150 spent before 10.
    const rows = [row("a", 100, 10), row("b", 100, 20), row("s", 500), row("u", -150)];
    expect(remainderAtExpiry({ id: "a", amount: 100, expiresAt: 10 }, rows)).toBe(0);
  });

  it("a later grant loses only what the earlier one did not absorb", () => {
    const rows = [row("a", 100, 10), row("b", 100, 20), row("s", 500), row("u", -150), row("xa", 0, null, true)];
    // At 20: balance 550, credit outliving b is 500 → 50 of b is left.
    expect(remainderAtExpiry({ id: "b", amount: 100, expiresAt: 20 }, rows)).toBe(50);
  });

  it("an untouched grant expires whole, and never more than it gave", () => {
    const rows = [row("a", 80, 10), row("s", 500)];
    expect(remainderAtExpiry({ id: "a", amount: 80, expiresAt: 10 }, rows)).toBe(80);
  });
});
