// `npm run bench:recall`: the time to cut, embed and search a 150,000-word book's passages, offline.
// The book is written by the demo model (50 chapters of 3,000 words); its passages are embedded through
// the LLM service's `embed` (the demo embedder, in batches of MAX_EMBED_INPUTS) and stored as the
// passages table holds them (int8, base64); each chapter's recall query is then searched exactly over
// every passage, as the worker does. The same search is timed at 768 dimensions (BGE base, a real
// model's size) on random unit vectors. Run under the shared heavy lock. The last line is JSON.
import { z } from "zod";
import { cutPassages, decodeVector, encodeVector, rankPassages, recallQuery, RECALL_CANDIDATES, type PassageCandidate } from "@/lib/books/passages";
import { createLlmService, demoAnswer, loadLlmConfig, MAX_EMBED_INPUTS } from "@/lib/llm";

const args = z
  .object({
    words: z.coerce.number().int().min(1_000).max(2_000_000).default(150_000),
    chapterWords: z.coerce.number().int().min(300).max(20_000).default(3_000),
  })
  .parse(Object.fromEntries(process.argv.slice(2).flatMap((a, i, all) => (a.startsWith("--") ? [[a.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase()), all[i + 1]]] : []))));

const ms = (from: number) => Math.round((performance.now() - from) * 100) / 100;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

const chapterCount = Math.ceil(args.words / args.chapterWords);
const bible = [
  { kind: "character", name: "Maren", aliases: ["the keeper"], body: "Lighthouse keeper, forty, stubborn." },
  { kind: "character", name: "Tobias", aliases: [], body: "Harbour master, her oldest friend." },
  { kind: "place", name: "Port Arlen", aliases: [], body: "A fishing town at the edge of the map." },
];
const plans = Array.from({ length: chapterCount }, (_, i) => ({ title: `Chapter ${i + 1}`, synopsis: `Maren and Tobias follow the ${i + 1}th letter to Port Arlen.`, beats: ["A letter arrives", "Maren hesitates", "Tobias decides"] }));

// The book, written by the demo model (not timed).
const texts = plans.map((p, i) => demoAnswer({ task: "chapter", messages: [{ role: "user", content: `Write chapter ${i + 1} of ${chapterCount}: ${p.title}\nSynopsis: ${p.synopsis}\nCharacters: Maren, Tobias\nTarget length: ${args.chapterWords} words` }] }));
const bookWords = texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);

const llm = createLlmService(loadLlmConfig({ LLM_FORCE_DEMO: "true", DEMO_MODEL_DELAY_MS: "0", LLM_CACHE: "false" }), { priceRefresher: null });

// Warm-up: the tokenizer that counts the demo's usage loads once per process; not part of a book's figure.
await llm.embed({ input: ["warm up"] });

const cutStart = performance.now();
const cuts = texts.map((t) => cutPassages(t));
const cutMs = ms(cutStart);
const passages = cuts.flatMap((c, chapter) => c.map((text, seq) => ({ chapter, seq, text })));

const embedStart = performance.now();
const stored: Array<PassageCandidate & { encoded: string }> = [];
for (let i = 0; i < passages.length; i += MAX_EMBED_INPUTS) {
  const batch = passages.slice(i, i + MAX_EMBED_INPUTS);
  const result = await llm.embed({ input: batch.map((p) => p.text) });
  batch.forEach((p, k) => {
    const encoded = encodeVector(result.vectors[k]!);
    stored.push({ id: `${p.chapter}:${p.seq}`, chapterId: String(p.chapter), seq: p.seq, vector: new Int8Array(0), encoded });
  });
}
const embedMs = ms(embedStart);
const storedBytes = stored.reduce((n, s) => n + s.encoded.length, 0);

// Each chapter's search: decode the stored vectors (what a D1 read hands back), embed the query, rank all.
const searches: number[] = [];
const queries: number[] = [];
for (let i = 0; i < chapterCount; i++) {
  const asked = performance.now();
  const query = (await llm.embed({ input: [recallQuery(plans[i]!, bible)] })).vectors[0]!;
  queries.push(ms(asked));
  const start = performance.now();
  rankPassages(query, stored.map((s) => ({ ...s, vector: decodeVector(s.encoded) })), RECALL_CANDIDATES);
  searches.push(ms(start));
}

// The same exact search at 768 dimensions (BGE base), on random unit vectors.
function randomUnit(d: number): Float32Array {
  const v = Float32Array.from({ length: d }, () => Math.random() - 0.5);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}
const wide = stored.map((s) => ({ ...s, encoded: encodeVector(randomUnit(768)) }));
const wideSearches: number[] = [];
for (let i = 0; i < 20; i++) {
  const query = randomUnit(768);
  const start = performance.now();
  rankPassages(query, wide.map((s) => ({ ...s, vector: decodeVector(s.encoded) })), RECALL_CANDIDATES);
  wideSearches.push(ms(start));
}

const figures = {
  bookWords,
  chapters: chapterCount,
  passages: passages.length,
  meanPassageWords: Math.round(bookWords / passages.length),
  cutMs,
  embedMs,
  embedCalls: Math.ceil(passages.length / MAX_EMBED_INPUTS),
  dimensions: 256,
  storedKb: Math.round(storedBytes / 1024),
  queryEmbedP50Ms: percentile(queries, 0.5),
  searchP50Ms: percentile(searches, 0.5),
  searchP95Ms: percentile(searches, 0.95),
  search768P50Ms: percentile(wideSearches, 0.5),
  search768P95Ms: percentile(wideSearches, 0.95),
  stored768Kb: Math.round(wide.reduce((n, s) => n + s.encoded.length, 0) / 1024),
};
console.log(`${figures.bookWords} words -> ${figures.passages} passages (~${figures.meanPassageWords} words each): cut ${cutMs} ms, embedded in ${embedMs} ms (${figures.embedCalls} calls)`);
console.log(`query embedded in p50 ${figures.queryEmbedP50Ms} ms; search over all passages per chapter: p50 ${figures.searchP50Ms} ms, p95 ${figures.searchP95Ms} ms (256 dims); at 768 dims p50 ${figures.search768P50Ms} ms, p95 ${figures.search768P95Ms} ms`);
console.log(JSON.stringify(figures));
