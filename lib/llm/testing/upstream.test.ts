// The fault-injecting upstream's own API, which the app's e2e tests will use too.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_REPLY, startUpstream, type Upstream } from "../../../test/helpers/upstream/server";

let up: Upstream;
beforeAll(async () => {
  up = await startUpstream();
});
beforeEach(() => up.reset());
afterAll(() => up.close());

const chat = (model: string, headers: Record<string, string> = {}) =>
  fetch(`${up.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }) });

describe("fault-injecting upstream", () => {
  it("picks the scenario from the header, then a ~suffix on the model, then per-model and global queues", async () => {
    expect((await chat("m", { "x-upstream-scenario": "http-502" })).status).toBe(502);
    expect((await chat("m~quota")).status).toBe(429);
    up.setScenario(["http-500", "ok"], { model: "a" });
    up.setScenario("unauthorized");
    expect([(await chat("a")).status, (await chat("a")).status, (await chat("b")).status]).toEqual([500, 200, 401]);
  });

  it("logs every request with its parsed body, headers and scenario", async () => {
    await chat("logged", { authorization: "Bearer test" });
    expect(up.requests).toHaveLength(1);
    expect(up.requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions", dialect: "openai", scenario: "ok", body: { model: "logged" }, headers: { authorization: "Bearer test" } });
  });

  it("answers with the configured reply, or with queued raw bytes first", async () => {
    const ok = (await (await chat("m")).json()) as { choices: Array<{ message: { content: string } }> };
    expect(ok.choices[0]!.message.content).toBe(DEFAULT_REPLY);
    up.queueRaw({ status: 418, body: "teapot" });
    const raw = await chat("m");
    expect([raw.status, await raw.text()]).toEqual([418, "teapot"]);
  });
});
