import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseJsonBytes, readBodyCapped } from "./body";

/** A body that never ends, counting how much of it was pulled. */
function endless() {
  const seen = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulled++;
      controller.enqueue(new Uint8Array(64 * 1024));
    },
  });
  return { body, seen };
}

describe("readBodyCapped", () => {
  it("stops reading an endless body at the first chunk past the cap (413)", async () => {
    const { body, seen } = endless();
    const request = new Request("http://q.test/x", { method: "POST", body, duplex: "half" } as RequestInit);
    await expect(readBodyCapped(request, 200 * 1024, "suggestion")).rejects.toMatchObject({ code: "payload_too_large:suggestion", details: { maxBytes: 200 * 1024 } });
    expect(seen.pulled).toBeLessThanOrEqual(6);
  });

  it("refuses a declared Content-Length over the cap without reading", async () => {
    const { body, seen } = endless();
    const request = new Request("http://q.test/x", { method: "POST", body, duplex: "half", headers: { "content-length": "999999" } } as RequestInit);
    await expect(readBodyCapped(request, 1_000, "api")).rejects.toMatchObject({ code: "payload_too_large:api" });
    expect(seen.pulled).toBeLessThanOrEqual(1);
  });

  it("returns a body at the cap whole, and an absent body as empty", async () => {
    const bytes = await readBodyCapped(new Request("http://q.test/x", { method: "POST", body: "x".repeat(1_000) }), 1_000, "api");
    expect(bytes.length).toBe(1_000);
    expect((await readBodyCapped(new Request("http://q.test/x"), 10, "api")).length).toBe(0);
  });

  it("reads malformed JSON as bad_request:input, never a 500", () => {
    const err = (() => {
      try {
        parseJsonBytes(new TextEncoder().encode("{nope"));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("bad_request:input");
    expect(parseJsonBytes(new TextEncoder().encode('{"a":1}'))).toEqual({ a: 1 });
  });
});
