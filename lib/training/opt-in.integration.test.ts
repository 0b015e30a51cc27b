import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { insertBook } from "@/db/queries/books";
import { generateOutline } from "@/lib/books/outline";
import { createLlmService, loadLlmConfig } from "@/lib/llm";
import { AppError } from "@/lib/errors";
import { trainingExamples } from "./export";
import { parseExportOptions } from "./options";
import { readTrainingOptIn, setTrainingOptIn, trainingOptInSchema } from "./opt-in";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.dispose());

async function exportedTitles(): Promise<string[]> {
  const out: string[] = [];
  for await (const e of trainingExamples(t.db, parseExportOptions({ task: "outline", contextWindow: 8192 }))) out.push(e.messages.find((m) => m.role === "user")!.content.match(/Working title: (.*)/)![1]!);
  return out;
}

describe("the account's training opt-in", () => {
  it("is off for a new account, and the export follows every change the author makes", async () => {
    const ada = await signUp(t.db, "Ada");
    const book = await insertBook(t.db, ada.id, { title: "Consent Test", premise: "p", genre: "Fantasy", audience: "Adult", tone: "Warm", chapterCount: 2, wordsPerChapter: 500 });
    await generateOutline(t.db, createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0" })), ada, book.id);

    expect(await readTrainingOptIn(t.db, ada)).toBe(false);
    expect(await exportedTitles()).toEqual([]);
    expect(await setTrainingOptIn(t.db, ada, true)).toBe(true);
    expect(await exportedTitles()).toEqual(["Consent Test"]);
    expect(await setTrainingOptIn(t.db, ada, false)).toBe(false);
    expect(await exportedTitles()).toEqual([]);
  });

  it("changes only the caller's own account", async () => {
    const ada = await signUp(t.db, "Ada");
    const bob = await signUp(t.db, "Bob");
    await setTrainingOptIn(t.db, ada, true);
    expect(await readTrainingOptIn(t.db, bob)).toBe(false);
  });

  it("answers unauthorized:auth for an account that no longer exists, and accepts only a boolean", async () => {
    const err = await setTrainingOptIn(t.db, { id: "gone", role: "user" }, true).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("unauthorized:auth");
    expect(trainingOptInSchema.safeParse({ optIn: "yes" }).success).toBe(false);
    expect(trainingOptInSchema.safeParse({ optIn: true, userId: "someone" }).success).toBe(false);
  });
});
