import { describe, expect, it } from "vitest";
import { stripEcho } from "./echo";

async function collect(chunks: string[], anchor: string): Promise<string> {
  async function* source() {
    yield* chunks;
  }
  let out = "";
  for await (const t of stripEcho(source(), anchor)) out += t;
  return out;
}

describe("stripEcho", () => {
  it("drops a repeated anchor and keeps the new words", async () => {
    expect(await collect(["She", " opened", " the", " door.", " Rain", " fell."], "She opened the door.")).toBe(" Rain fell.");
  });
  it("passes a continuation that does not repeat the anchor through untouched", async () => {
    expect(await collect([" Rain", " fell", " hard."], "She opened the door.")).toBe(" Rain fell hard.");
  });
  it("keeps text that starts like the anchor but goes elsewhere", async () => {
    expect(await collect(["She", " ran."], "She opened the door.")).toBe("She ran.");
  });
});
