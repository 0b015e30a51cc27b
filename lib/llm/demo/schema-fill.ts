// Fills any zod schema with a valid, deterministic value: objects, arrays (within min/max, chapter
// arrays sized from the prompt), enums, literals, unions, numbers within bounds, strings within
// length limits and formats, optional/nullable/default wrappers and refinements (best effort).
// Reads zod 3's `_def` (the API the app uses) and zod 4's `_zod.def`.
import type { Cast } from "./prompt-facts";
import { demoProse, FALLBACK_PEOPLE } from "./prose";
import { pick } from "./random";

export interface FillContext {
  random: () => number;
  /** The book's people and places; the people are padded with invented names so each character differs. */
  cast: Cast;
  chapters?: number;
  /** Word target for long text fields (e.g. a synopsis asked for at a given length). */
  words?: number;
  /** Given texts (a grammar check's corrected paragraphs): an array of strings is filled with them, in order. */
  texts?: string[];
  /** The fields of the object being filled, so a description can tell it belongs to a character. */
  siblings?: Record<string, unknown>;
}

type Def = Record<string, unknown>;

function defOf(schema: unknown): Def {
  const s = schema as { _def?: Def; _zod?: { def?: Def } };
  return s._zod?.def ?? s._def ?? {};
}

/** zod 3 typeName ("ZodString") or zod 4 type ("string"), normalised to lower case without "zod". */
function kindOf(def: Def): string {
  const name = (def.typeName as string | undefined) ?? (def.type as string | undefined) ?? "";
  return name.replace(/^Zod/, "").toLowerCase();
}

interface Bounds {
  min?: number;
  max?: number;
  exact?: number;
  int?: boolean;
  formats: Set<string>;
  regex?: RegExp;
}

function boundsOf(def: Def): Bounds {
  const bounds: Bounds = { formats: new Set() };
  for (const check of (def.checks as Array<Record<string, unknown>> | undefined) ?? []) {
    const c = (check._zod as { def?: Def } | undefined)?.def ?? check;
    const kind = String(c.kind ?? c.check ?? "");
    const value = c.value as number | undefined;
    const inclusive = c.inclusive !== false;
    if (kind === "min" || kind === "greater_than" || kind === "min_length") bounds.min = Number(value ?? c.minimum) + (inclusive ? 0 : 1e-9);
    else if (kind === "max" || kind === "less_than" || kind === "max_length") bounds.max = Number(value ?? c.maximum) - (inclusive ? 0 : 1e-9);
    else if (kind === "length" || kind === "length_equals") bounds.exact = Number(value ?? c.length);
    else if (kind === "int") bounds.int = true;
    else if (kind === "regex") bounds.regex = c.regex as RegExp;
    else if (kind === "string_format") bounds.formats.add(String(c.format));
    else bounds.formats.add(kind);
  }
  if (def.minLength) bounds.min = Number((def.minLength as { value: number }).value);
  if (def.maxLength) bounds.max = Number((def.maxLength as { value: number }).value);
  if (def.exactLength) bounds.exact = Number((def.exactLength as { value: number }).value);
  if (def.format) bounds.formats.add(String(def.format));
  return bounds;
}


const TITLE_WORDS = ["Tide", "Lantern", "Orchard", "Silence", "Harbour", "Ember", "Winter", "Crossing", "Ledger", "Compass"];

/** The cast every demo answer uses: the book's people first, then invented ones so none repeats. */
export function paddedCast(cast: Cast): Cast {
  const people = [...cast.people];
  for (const extra of FALLBACK_PEOPLE) if (people.length < 3 && !people.some((p) => p.slice(0, 3) === extra.slice(0, 3))) people.push(extra);
  return { people, places: cast.places };
}

const ROLES = ["protagonist", "ally", "rival", "mentor", "confidant"];
const TRAITS = [
  "keeps a careful record of everything and trusts very little of it",
  "is quick to laugh and slow to forgive",
  "has spent years waiting for a reason to leave",
  "knows more than they admit about what happened before the story begins",
  "is stubborn, kind and a poor liar",
];

function textFor(key: string, ctx: FillContext, index: number): string {
  const r = ctx.random;
  const people = ctx.cast.people.length > 0 ? ctx.cast.people : FALLBACK_PEOPLE;
  const name = people[index % people.length]!;
  const k = key.toLowerCase();
  if (/^(name|character|protagonist|antagonist)/.test(k)) return name;
  if (/title|heading/.test(k)) return `The ${pick(r, TITLE_WORDS)} of ${name.split(" ")[0]}`;
  if (/alias/.test(k)) return name.split(" ")[0]!;
  if (/genre/.test(k)) return pick(r, ["literary fiction", "mystery", "fantasy", "historical fiction"]);
  if (/tone|mood|style/.test(k)) return pick(r, ["quiet and tense", "warm and wry", "bleak but hopeful"]);
  if (/role/.test(k)) return ROLES[index % ROLES.length]!;
  if (/kind|type|category/.test(k)) return pick(r, ["character", "place", "fact"]);
  if (/setting|location|world/.test(k)) {
    const place = ctx.cast.places[0] ?? pick(r, ["a harbour town on a cold northern coast", "a river city in a wet autumn", "a village at the edge of the moors"]);
    return `The story is set in ${place}. ${demoProse(r, ctx.cast, 25)}`;
  }
  if (/prompt/.test(k)) return `A painted book cover: ${name} at dusk by ${pick(r, ["the sea", "an old lighthouse", "a frozen river"])}, muted colours, no text`;
  if (/description/.test(k) && /^(name|character)/.test(Object.keys(ctx.siblings ?? {}).join(" "))) {
    return `${name.split(" ")[0]} ${TRAITS[index % TRAITS.length]}. ${demoProse(r, { people: [name], places: ctx.cast.places }, 25)}`;
  }
  if (/synopsis|summary|description|body|premise|outline|logline|notes|beats|content|text|scene/.test(k)) {
    return demoProse(r, ctx.cast, ctx.words ?? (/logline/.test(k) ? 15 : 45));
  }
  return demoProse(r, ctx.cast, 8);
}

function fitString(text: string, b: Bounds, ctx: FillContext): string {
  const formats = b.formats;
  if (formats.has("email")) return `${(ctx.cast.people[0]?.split(" ")[0] ?? "writer").toLowerCase()}@example.com`;
  if (formats.has("url")) return "https://example.com/quire";
  if (formats.has("uuid")) return "00000000-0000-4000-8000-000000000000";
  if (formats.has("datetime")) return "2026-01-01T00:00:00.000Z";
  if (formats.has("date")) return "2026-01-01";
  const min = b.exact ?? b.min ?? 0;
  const max = b.exact ?? b.max ?? Number.POSITIVE_INFINITY;
  let out = text;
  while (out.length < min) out += ` ${demoProse(ctx.random, ctx.cast, 12)}`;
  if (out.length > max) out = out.slice(0, max).trimEnd();
  while (out.length < min) out += "a"; // trimming may have cut below an exact length
  return out;
}

function fitNumber(b: Bounds, ctx: FillContext): number {
  const lo = b.min ?? (b.max !== undefined ? Math.min(0, b.max) : 1);
  const hi = b.max ?? lo + 10;
  let n = lo + (hi - lo) * (0.25 + ctx.random() * 0.5);
  if (b.int || (Number.isInteger(lo) && Number.isInteger(hi))) n = Math.min(Math.floor(hi), Math.max(Math.ceil(lo), Math.round(n)));
  return n;
}

function arrayLength(key: string, b: Bounds, ctx: FillContext): number {
  if (b.exact !== undefined) return b.exact;
  if (/alias/i.test(key)) return Math.min(b.max ?? 1, Math.max(b.min ?? 0, 0));
  const wanted = /chapter/i.test(key) && ctx.chapters ? ctx.chapters : 3;
  return Math.max(b.min ?? 0, Math.min(b.max ?? Number.POSITIVE_INFINITY, wanted));
}

export function fillSchema(schema: unknown, ctx: FillContext, key = "value", index = 0): unknown {
  const def = defOf(schema);
  switch (kindOf(def)) {
    case "string":
      return fitString(textFor(key, ctx, index), boundsOf(def), ctx);
    case "number":
    case "bigint":
      return fitNumber(boundsOf(def), ctx);
    case "boolean":
      return index % 2 === 0;
    case "null":
      return null;
    case "literal": {
      const values = def.values as unknown[] | undefined;
      return values ? values[0] : def.value;
    }
    case "enum": {
      const entries = def.entries as Record<string, unknown> | undefined;
      const values = (def.values as unknown[] | undefined) ?? (entries ? Object.values(entries) : []);
      return values[index % Math.max(1, values.length)];
    }
    case "nativeenum": {
      // Numeric TS enums carry reverse mappings (name -> number and number -> name): prefer the numbers.
      const values = Object.values(def.values as Record<string, unknown>);
      const numbers = values.filter((v) => typeof v === "number");
      return (numbers.length > 0 ? numbers : values)[0];
    }
    case "array": {
      const element = def.element ?? def.type; // zod 4 : zod 3
      const texts = ctx.texts;
      if (texts && kindOf(defOf(element)) === "string") {
        const b = boundsOf(def);
        return Array.from({ length: b.exact ?? Math.max(b.min ?? 0, Math.min(b.max ?? texts.length, texts.length)) }, (_, i) => texts[i] ?? "");
      }
      const length = arrayLength(key, boundsOf(def), ctx);
      const singular = key.replace(/ies$/, "y").replace(/s$/, "");
      return Array.from({ length }, (_, i) => fillSchema(element, ctx, singular, i));
    }
    case "tuple":
      return ((def.items as unknown[]) ?? []).map((item, i) => fillSchema(item, ctx, key, i));
    case "set":
      return [];
    case "object": {
      const rawShape = def.shape;
      const shape = (typeof rawShape === "function" ? (rawShape as () => Record<string, unknown>)() : rawShape) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      const inner = { ...ctx, siblings: shape };
      for (const [field, fieldSchema] of Object.entries(shape ?? {})) out[field] = fillSchema(fieldSchema, inner, field, index);
      return out;
    }
    case "record":
      return { [textFor("name", ctx, index)]: fillSchema(def.valueType, ctx, key, index) };
    case "union":
    case "discriminatedunion": {
      const options = (def.options as unknown[]) ?? [];
      return fillSchema(options[0], ctx, key, index);
    }
    case "intersection":
      return { ...(fillSchema(def.left, ctx, key, index) as object), ...(fillSchema(def.right, ctx, key, index) as object) };
    case "optional":
    case "nullable":
    case "readonly":
    case "branded":
    case "catch":
    case "nonoptional":
      return fillSchema(def.innerType ?? (typeof def.type === "object" ? def.type : undefined), ctx, key, index);
    case "default":
    case "prefault":
      return fillSchema(def.innerType, ctx, key, index);
    case "effects":
      return fillSchema(def.schema, ctx, key, index);
    case "pipeline":
    case "pipe":
      return fillSchema(def.in, ctx, key, index);
    case "lazy":
      return fillSchema((def.getter as () => unknown)(), ctx, key, index);
    case "date":
      return "2026-01-01T00:00:00.000Z";
    default:
      return textFor(key, ctx, index); // any / unknown
  }
}
