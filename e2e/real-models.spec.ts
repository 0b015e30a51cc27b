import { test, expect } from "@playwright/test";
import { startUpstream, type Upstream } from "../test/helpers/upstream/server";
import { lampRoomOutline } from "../test/outline-answers";
import { expectSuggestionNotOffered, manuscript, selectParagraph, writeParagraph } from "./editor-pages";
import { OwnServer } from "./server";

// Quire with a real self-hosted model as its custom target and OpenRouter as the larger fallback, both
// served over HTTP by the fault-injecting upstream this spec starts. The custom target plays vLLM
// with a 4096-token window (Quire is configured with 8192, as an operator guessing would); OpenRouter
// follows JSON schemas strictly. The spec owns both servers and tears them down.
let up: Upstream;
let server: OwnServer;

const CHAPTERS = 6;
// The outline Quire asks for has room for 2,000 + 400 tokens per chapter (4,400 here): more than
// the 4,096 the vLLM server has, which is exactly the 400 vLLM answers.
const outline = lampRoomOutline(
  Array.from({ length: CHAPTERS }, (_, i) => ({
    title: `Fallback Chapter ${i + 1}`,
    synopsis: `Maren reads letter ${i + 1} and tells no one.`,
    beats: ["A letter arrives.", "Maren hides it."],
  })),
);

test.beforeAll(async () => {
  up = await startUpstream();
  server = new OwnServer(".wrangler/e2e-real-models-state", {
    AUTH_RATE_LIMIT_PER_MINUTE: "1000",
    CUSTOM_LLM_BASE_URL: `${up.url}/v1`,
    CUSTOM_LLM_MODEL: "custom-m",
    CUSTOM_LLM_API_KEY: "e2e-custom-key",
    CUSTOM_LLM_CONTEXT_WINDOW: "8192",
    CUSTOM_LLM_PRICE_INPUT_PER_MTOK: "0.1",
    CUSTOM_LLM_PRICE_OUTPUT_PER_MTOK: "0.2",
    OPENROUTER_API_KEY: "e2e-openrouter-key",
    OPENROUTER_MODEL: "router-m",
    OPENROUTER_BASE_URL: `${up.url}/api/v1`,
    OPENROUTER_CONTEXT_WINDOW: "128000",
    LLM_REFRESH_PRICES: "false",
  });
});

test.afterAll(async () => {
  await server?.crash();
  await up?.close();
});

const asked = (model: string) => up.requests.filter((r) => r.body.model === model);

test("on a real self-hosted target: an outline that overflows its window is written by the larger fallback; a cut-off suggestion is shown as cut off", async ({ browser }) => {
  test.setTimeout(240_000);
  await server.start({ fresh: true });
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Vera");
  await page.getByLabel("Email").fill(`vera.${Date.now()}@quire.test`);
  await page.getByLabel("Password").fill("self-hosted-password-1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/library$/);

  await page.goto("/books/new");
  await page.getByLabel("Title", { exact: true }).fill("Letters From Vell");
  await page.getByLabel("Premise").fill("Maren keeps the lighthouse and finds letters dated a century ahead.");
  await page.getByLabel("Chapters").fill(String(CHAPTERS));
  await page.getByLabel("Words per chapter").fill("300");
  await page.getByRole("button", { name: "Create book" }).click();
  await expect(page.getByTestId("book-title")).toHaveText("Letters From Vell");

  // (a) vLLM refuses the outline with its context-overflow 400; OpenRouter answers by the schema.
  up.setScenario("overflow-vllm", { model: "custom-m" });
  up.setScenario({ name: "json-schema", reply: JSON.stringify(outline) }, { model: "router-m" });
  await page.getByRole("button", { name: "Generate outline" }).click();
  await expect(page.getByTestId("outline-chapter")).toHaveCount(CHAPTERS, { timeout: 60_000 });
  for (let i = 0; i < CHAPTERS; i++) await expect(page.getByLabel(`Chapter ${i + 1} title`)).toHaveValue(`Fallback Chapter ${i + 1}`);
  await expect(page.getByTestId("bible-entry").filter({ hasText: "Ivo Brand" })).toHaveCount(1);
  // The small target was asked once (an overflow is not retried there), the fallback once, with the schema.
  expect(asked("custom-m").map((r) => r.scenario)).toEqual(["overflow-vllm"]);
  expect(asked("router-m")).toHaveLength(1);
  expect(asked("router-m")[0]!.body.response_format).toMatchObject({ type: "json_schema", json_schema: { strict: true } });

  // (b) The custom target stops the suggestion at its token limit: finish_reason "length".
  up.setScenario({ name: "length", reply: "Maren waited by the lamp while the fog rolled in over the rocks and the long night began." }, { model: "custom-m" });
  await page.getByRole("link", { name: "Edit", exact: true }).first().click();
  await expect(manuscript(page)).toBeVisible();
  const original = "Maren waited by the lamp.";
  await writeParagraph(page, original);
  await page.getByLabel("Custom instruction").fill("Make this more vivid");
  await selectParagraph(page);
  const before = asked("custom-m").length;
  await page.getByRole("button", { name: "Ask" }).click();
  await expectSuggestionNotOffered(page, { testId: "suggestion-cut-off", says: "cut off" }, original);
  // The cut-off answer came from the custom target, once, with finish_reason "length".
  expect(asked("custom-m").slice(before).map((r) => [r.scenario, r.body.stream])).toEqual([["length", true]]);
  await context.close();
});
