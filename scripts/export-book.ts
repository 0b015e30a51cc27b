// Exports a book from the LOCAL database (the one `npm start` serves) to a file, with the same code
// the download route uses: npm run export:book -- --book bk_… --format epub|docx|md --out file
//   [--state .wrangler/state]   the local state directory (default: npm start's)
import { createWriteStream } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { getPlatformProxy } from "wrangler";
import { storageConfig } from "./lib/local.mjs";
import { z } from "zod";
import { createDb } from "@/db/client";
import { booksTable } from "@/db/schema";
import { bookIdSchema } from "@/lib/books/schemas";
import { exportFormatSchema, exportStream } from "@/lib/export/formats";
import { exportSource } from "@/lib/export/source";

const argsSchema = z.object({
  book: bookIdSchema,
  format: exportFormatSchema,
  out: z.string().min(1).max(4096),
  state: z.string().min(1).max(4096).default(".wrangler/state"),
});

function parseArgs(argv: string[]): z.infer<typeof argsSchema> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z]+)$/.exec(argv[i]!);
    if (m && argv[i + 1] !== undefined) raw[m[1]!] = argv[++i]!;
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) {
    console.error(`usage: npm run export:book -- --book bk_… --format epub|docx|md --out file [--state dir]\n${parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${i.message}`).join("\n")}`);
    process.exit(2);
  }
  return parsed.data;
}

const args = parseArgs(process.argv.slice(2));
const proxy = await getPlatformProxy<CloudflareEnv>({ configPath: storageConfig, persist: { path: path.join(path.resolve(args.state), "v3") } });
let code = 0;
try {
  const db = createDb(proxy.env.DB);
  const [book] = await db.select().from(booksTable).where(eq(booksTable.id, args.book)).limit(1);
  if (!book) {
    console.error(`no book ${args.book} in ${args.state}`);
    code = 1;
  } else {
    const source = await exportSource(db, proxy.env.BUCKET, book);
    const started = performance.now();
    await exportStream(args.format, source).pipeTo(Writable.toWeb(createWriteStream(args.out)) as WritableStream<Uint8Array>);
    console.log(`wrote ${args.out}: "${book.title}", ${source.chapters.length} chapters, ${args.format}, in ${Math.round(performance.now() - started)} ms`);
  }
} catch (err) {
  console.error("export failed:", err);
  code = 1;
} finally {
  await proxy.dispose();
}
process.exit(code);
