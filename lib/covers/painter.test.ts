import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "@/test/helpers/upstream/server";
import { PAINTED } from "@/test/helpers/upstream/images";
import { createPainter, PaintError } from "./painter";
import { loadPainterConfig, PainterConfigError } from "./painter-config";

let up: Upstream;
beforeAll(async () => {
  up = await startUpstream();
});
afterAll(() => up?.close());
beforeEach(() => up.reset());

const painterFor = (provider: string, extra: Record<string, string> = {}) =>
  createPainter(loadPainterConfig({ COVER_IMAGE_PROVIDER: provider, COVER_IMAGE_API_KEY: "sk-test", COVER_IMAGE_TIMEOUT_MS: "5000", ...extra })!);

async function failure(promise: Promise<unknown>): Promise<PaintError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(PaintError);
  return err as PaintError;
}

describe("cover painters over real HTTP", () => {
  it("paints through an OpenAI-compatible images endpoint and sends the brief", async () => {
    const painter = painterFor("openai", { COVER_IMAGE_BASE_URL: `${up.url}/v1`, COVER_IMAGE_MODEL: "sdxl" });
    const art = await painter.paint("a lighthouse in fog, oil painting");
    expect(Buffer.from(art.bytes).equals(PAINTED)).toBe(true);
    expect(art.info).toEqual({ type: "image/png", width: 64, height: 96 });
    expect(up.requests[0]).toMatchObject({ path: "/v1/images/generations", body: { model: "sdxl", prompt: "a lighthouse in fog, oil painting", response_format: "b64_json" } });
    expect(up.requests[0]!.headers.authorization).toBe("Bearer sk-test");
  });

  it("paints through Workers AI REST, which answers raw PNG bytes", async () => {
    const painter = painterFor("workers-ai", { COVER_IMAGE_BASE_URL: up.url, COVER_IMAGE_ACCOUNT_ID: "acct" });
    const art = await painter.paint("a lighthouse");
    expect(art.info.type).toBe("image/png");
    expect(up.requests[0]!.path).toBe("/accounts/acct/ai/run/@cf/stabilityai/stable-diffusion-xl-base-1.0");
    expect(up.requests[0]!.body).toMatchObject({ prompt: "a lighthouse", num_steps: 20 });
  });

  it("paints through the Workers AI binding when the worker has one", async () => {
    const calls: unknown[] = [];
    const ai = { run: async (model: string, input: Record<string, unknown>) => (calls.push({ model, input }), new Response(new Uint8Array(PAINTED)).body) };
    const painter = createPainter(loadPainterConfig({ COVER_IMAGE_PROVIDER: "workers-ai" }, true)!, { ai });
    expect((await painter.paint("fog")).info.width).toBe(64);
    expect(calls).toHaveLength(1);
  });

  it("paints through OpenRouter's image output", async () => {
    const painter = painterFor("openrouter", { COVER_IMAGE_BASE_URL: `${up.url}/api/v1` });
    expect((await painter.paint("fog")).info.type).toBe("image/png");
    expect(up.requests[0]!.body).toMatchObject({ modalities: ["image", "text"] });
  });

  it("retries a 503 once, then succeeds", async () => {
    up.setScenario(["http-503", "ok"]);
    const painter = painterFor("openai", { COVER_IMAGE_BASE_URL: `${up.url}/v1` });
    expect((await painter.paint("fog")).info.type).toBe("image/png");
    expect(up.requests).toHaveLength(2);
  });

  it("gives up after a second 503, and never retries a refused key", async () => {
    up.setScenario("http-503");
    const painter = painterFor("openai", { COVER_IMAGE_BASE_URL: `${up.url}/v1` });
    expect(await failure(painter.paint("fog"))).toMatchObject({ reason: "http", status: 503 });
    expect(up.requests).toHaveLength(2);
    up.reset();
    up.setScenario("unauthorized");
    expect(await failure(painter.paint("fog"))).toMatchObject({ reason: "http", status: 401 });
    expect(up.requests).toHaveLength(1);
  });

  it("refuses an answer that is not an image", async () => {
    up.setReply("not-an-image");
    const painter = painterFor("workers-ai", { COVER_IMAGE_BASE_URL: up.url, COVER_IMAGE_ACCOUNT_ID: "acct" });
    expect((await failure(painter.paint("fog"))).reason).toBe("not_an_image");
  });

  it("times out a hanging upstream", async () => {
    up.setScenario("hang");
    const painter = painterFor("openai", { COVER_IMAGE_BASE_URL: `${up.url}/v1`, COVER_IMAGE_TIMEOUT_MS: "1000" });
    expect((await failure(painter.paint("fog"))).reason).toBe("timeout");
  });

  it("is off without a provider, and names what a provider is missing", () => {
    expect(loadPainterConfig({})).toBeNull();
    expect(() => loadPainterConfig({ COVER_IMAGE_PROVIDER: "openai" })).toThrow(PainterConfigError);
    expect(() => loadPainterConfig({ COVER_IMAGE_PROVIDER: "workers-ai" })).toThrow(/COVER_IMAGE_ACCOUNT_ID/);
    expect(() => loadPainterConfig({ COVER_IMAGE_PROVIDER: "midjourney" })).toThrow(/COVER_IMAGE_PROVIDER/);
  });
});
