import OpenAI from "openai";
import { test, expect } from "./fixtures";
import { baseURL } from "../playwright.config";
import type { Page } from "@playwright/test";

/** Creates a personal API key on the API keys page, as a user would, and returns the secret shown once. */
async function createKey(page: Page, name: string): Promise<string> {
  await page.goto("/api-keys");
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(secret).toMatch(/^qk_[A-Za-z0-9]{32}$/);
  return secret;
}

function client(apiKey: string) {
  return new OpenAI({ apiKey, baseURL: `${baseURL}/api/v1`, maxRetries: 0 });
}

test.describe("the OpenAI-compatible API", () => {
  test("the official openai client lists models and completes a chat, streaming and not, with usage and credits", async ({ adaPage }) => {
    const openai = client(await createKey(adaPage, "script"));

    const models = await openai.models.list();
    const ids = models.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(["quire/chapter", "quire/suggestion", "quire/demo"]));

    const completion = await openai.chat.completions.create({
      model: "quire/suggestion",
      messages: [{ role: "user", content: "Instruction: Fix grammar\n<selection>i went to teh lighthouse.</selection>" }],
      quire_cache: false,
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]!.message.content).toContain("I went to the lighthouse");
    expect(completion.usage!.completion_tokens).toBeGreaterThan(0);
    const meta = (completion as unknown as { quire: { credits: number; cached: boolean } }).quire;
    expect(meta.credits).toBeGreaterThan(0);
    expect(meta.cached).toBe(false);

    const stream = await openai.chat.completions.create({
      model: "quire/chapter",
      messages: [{ role: "user", content: "Write a scene where Maren lights the lamp. Target length: 120 words" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | undefined;
    let finish: string | null = null;
    for await (const part of stream) {
      text += part.choices[0]?.delta?.content ?? "";
      finish = part.choices[0]?.finish_reason ?? finish;
      usage = part.usage ?? usage;
    }
    expect(text.split(/\s+/).filter(Boolean).length).toBeGreaterThan(60);
    expect(finish).toBe("stop");
    expect(usage!.total_tokens).toBeGreaterThan(60);
  });

  test("the same request again is answered from the cache at no charge", async ({ adaPage }) => {
    const openai = client(await createKey(adaPage, "cache"));
    const content = `Summarise: Maren kept the light on night ${Math.random().toString(36).slice(2)}.`;
    const ask = async () =>
      (await openai.chat.completions.create({ model: "quire/summary", messages: [{ role: "user", content }] })) as unknown as OpenAI.ChatCompletion & {
        quire: { cached: boolean; credits: number };
      };
    const first = await ask();
    const second = await ask();
    expect(first.quire).toMatchObject({ cached: false });
    expect(first.quire.credits).toBeGreaterThan(0);
    expect(second.quire).toMatchObject({ cached: true, credits: 0 });
    expect(second.choices[0]!.message.content).toBe(first.choices[0]!.message.content);
  });

  test("wrong and revoked keys are refused with 401; bad bodies get 400 with a clear message", async ({ adaPage }) => {
    const secret = await createKey(adaPage, "to revoke");
    const bad = client("qk_" + "x".repeat(32));
    await expect(bad.models.list()).rejects.toMatchObject({ status: 401 });

    const res = await fetch(`${baseURL}/api/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "quire/chapter", messages: [] }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; type: string; code: string } };
    expect(body.error).toMatchObject({ type: "invalid_request_error", code: "bad_request:api" });
    expect(body.error.message).toContain("messages");

    const unknown = await client(secret).chat.completions.create({ model: "quire/nope", messages: [{ role: "user", content: "hi" }] }).catch((e) => e);
    expect(unknown.status).toBe(404);

    await adaPage.goto("/api-keys");
    const row = adaPage.getByTestId("api-key-row").filter({ hasText: "to revoke" });
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(row).toContainText("revoked");
    await expect(client(secret).models.list()).rejects.toMatchObject({ status: 401 });
  });

  test("a key spends its owner's credits and no one else's", async ({ adaPage, bobPage }) => {
    const balance = async (page: Page) => {
      await page.goto("/credits");
      return Number((await page.getByTestId("credit-balance").textContent())!.replace(/[^0-9-]/g, ""));
    };
    const adaKey = await createKey(adaPage, "ada's");
    const [adaBefore, bobBefore] = [await balance(adaPage), await balance(bobPage)];
    const answer = (await client(adaKey).chat.completions.create({
      model: "quire/chapter",
      messages: [{ role: "user", content: `Write a paragraph about the harbour. Target length: 150 words. ${Math.random()}` }],
    })) as unknown as { quire: { credits: number } };
    expect(answer.quire.credits).toBeGreaterThan(0);
    expect(await balance(adaPage)).toBe(adaBefore - answer.quire.credits);
    expect(await balance(bobPage)).toBe(bobBefore);
    // Bob's key list does not show Ada's key.
    await bobPage.goto("/api-keys");
    await expect(bobPage.getByRole("table", { name: "API keys" })).not.toContainText(adaKey.slice(0, 10));
  });

  test("the playground streams an answer and shows its cost", async ({ adaPage: page }) => {
    await page.goto("/playground");
    await page.getByLabel("Model").selectOption("quire/chapter");
    await page.getByLabel("Your message").fill("Write two sentences about a storm at the lighthouse. Target length: 40 words");
    await page.getByRole("button", { name: "Send" }).click();
    const answer = page.getByTestId("turn-assistant").last();
    await expect(answer.getByTestId("answer-meta")).toContainText("credits");
    await expect(answer.getByTestId("answer-meta")).toContainText("quire-demo via demo");
    expect(((await answer.textContent()) ?? "").length).toBeGreaterThan(80);
  });
});
