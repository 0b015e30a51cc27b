// Exports a 150,000-word book (60 chapters of 2,500 words) from a fresh local D1 as EPUB, DOCX and
// Markdown through the same streaming code as the download route, and reports time and peak memory
// of this process while each export runs (D1 itself runs in workerd, outside these figures).
// The consumer discards what it reads, as a network socket would. Last line: one JSON object.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { getPlatformProxy } from "wrangler";
import { storageConfig } from "./lib/local.mjs";
import { createDb } from "@/db/client";
import { booksTable, chaptersTable, newId, userTable } from "@/db/schema";
import { exportStream, EXPORT_FORMATS, type ExportFormat } from "@/lib/export/formats";
import { exportSource } from "@/lib/export/source";

const CHAPTERS = 60;
const WORDS_PER_CHAPTER = 2_500;
const MB = 1024 * 1024;

const VOCABULARY = "the keeper lamp fog harbour letter tide north bell rope stair glass night shore ship salt wind dark light morning gull rock chart lantern quiet storm wave iron door promise answer winter distant ledger candle signal silence window".split(" ");

/** Deterministic prose: sentences of 6–18 words, paragraphs of 3–7 sentences. */
function chapterText(seed: number): string {
  let s = seed * 2654435761;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const paragraphs: string[] = [];
  let words = 0;
  while (words < WORDS_PER_CHAPTER) {
    const sentences: string[] = [];
    for (let k = 3 + Math.floor(next() * 5); k > 0 && words < WORDS_PER_CHAPTER; k--) {
      const n = Math.min(6 + Math.floor(next() * 13), WORDS_PER_CHAPTER - words);
      const w = Array.from({ length: n }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!);
      w[0] = w[0]!.charAt(0).toUpperCase() + w[0]!.slice(1);
      sentences.push(`${w.join(" ")}.`);
      words += n;
    }
    paragraphs.push(sentences.join(" "));
  }
  return paragraphs.join("\n\n");
}

async function measure(format: ExportFormat, run: () => Promise<ReadableStream<Uint8Array>>) {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  const reader = (await run()).getReader();
  let bytes = 0;
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    if (++chunks % 4 === 0) sample();
  }
  const ms = performance.now() - started;
  clearInterval(timer);
  sample();
  const round = (n: number) => Math.round(n * 10) / 10;
  return { format, ms: Math.round(ms), bytes, chunks, peakRssMb: round(peakRss / MB), peakHeapUsedMb: round(peakHeap / MB), heapGrowthMb: round((peakHeap - base.heapUsed) / MB), rssGrowthMb: round((peakRss - base.rss) / MB) };
}

const dir = mkdtempSync(path.join(tmpdir(), "quire-bench-export-"));
execFileSync(path.resolve("node_modules/.bin/wrangler"), ["d1", "migrations", "apply", "quire", "--local", "--persist-to", dir], { stdio: "pipe", env: { ...process.env, CI: "1" } });
const proxy = await getPlatformProxy<CloudflareEnv>({ configPath: storageConfig, persist: { path: path.join(dir, "v3") } });
try {
  const db = createDb(proxy.env.DB);
  const now = new Date();
  const userId = newId("usr");
  await db.insert(userTable).values({ id: userId, name: "Bench Author", email: `bench-${userId}@quire.test`, createdAt: now, updatedAt: now });
  const bookId = newId("bk");
  await db.insert(booksTable).values({ id: bookId, ownerId: userId, title: "The Long Watch", premise: "A benchmark of a long book.", genre: "Literary fiction", audience: "Adult", tone: "Even", chapterCount: CHAPTERS, wordsPerChapter: WORDS_PER_CHAPTER, status: "drafted" });
  let textBytes = 0;
  for (let i = 0; i < CHAPTERS; i++) {
    const content = chapterText(i + 1);
    textBytes += Buffer.byteLength(content);
    await db.insert(chaptersTable).values({ id: newId("ch"), bookId, position: i, title: `Chapter title ${i + 1}`, content, wordCount: WORDS_PER_CHAPTER, status: "written" });
  }
  const [book] = await db.select().from(booksTable).limit(1);

  // One untimed pass first, so that the figures are not the JIT's or workerd's first-use costs.
  for (const format of EXPORT_FORMATS) await new Response(exportStream(format, await exportSource(db, proxy.env.BUCKET, book!))).arrayBuffer();

  // The share of the time that is D1 (60 sequential reads through the platform proxy).
  const probe = await exportSource(db, proxy.env.BUCKET, book!);
  const readsStarted = performance.now();
  for (const c of probe.chapters) await probe.chapterText(c.id);
  const d1ReadsMs = Math.round(performance.now() - readsStarted);

  const results = [];
  for (const format of EXPORT_FORMATS) {
    const r = await measure(format, async () => exportStream(format, await exportSource(db, proxy.env.BUCKET, book!)));
    console.log(`${format}: ${r.ms} ms, ${(r.bytes / MB).toFixed(2)} MB in ${r.chunks} chunks, peak RSS ${r.peakRssMb} MB, peak heap ${r.peakHeapUsedMb} MB (+${r.heapGrowthMb} MB during the export)`);
    results.push(r);
  }

  // Not timed: the EPUB reads back whole, one file per chapter.
  const epub = new Uint8Array(await new Response(exportStream("epub", await exportSource(db, proxy.env.BUCKET, book!))).arrayBuffer());
  const chapterFiles = Object.keys(unzipSync(epub)).filter((p) => p.startsWith("OEBPS/text/chapter-")).length;
  if (chapterFiles !== CHAPTERS) throw new Error(`the EPUB has ${chapterFiles} chapter files, expected ${CHAPTERS}`);

  console.log(
    JSON.stringify({
      words: CHAPTERS * WORDS_PER_CHAPTER,
      chapters: CHAPTERS,
      textMb: Math.round((textBytes / MB) * 100) / 100,
      node: process.version,
      d1ReadsMs,
      gcBetweenRuns: typeof (globalThis as { gc?: unknown }).gc === "function",
      ...Object.fromEntries(results.map(({ format, ...r }) => [format, r])),
    }),
  );
} finally {
  await proxy.dispose();
  rmSync(dir, { recursive: true, force: true });
}
