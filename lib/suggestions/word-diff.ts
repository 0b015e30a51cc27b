/**
 * A word-level diff between a selection and its suggested replacement: what goes, what comes.
 * Tokens are runs of non-space characters and runs of whitespace, so punctuation stays with its
 * word ("big." is one token) and the diff reads like prose, not like characters.
 */
export type DiffOp = { type: "same" | "del" | "ins"; text: string };

export function wordTokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

function push(ops: DiffOp[], type: DiffOp["type"], text: string) {
  if (!text) return;
  const last = ops[ops.length - 1];
  if (last && last.type === type) last.text += text;
  else ops.push({ type, text });
}

/**
 * LCS over tokens after trimming the common head and tail (a suggestion usually changes little, so
 * the table stays small even for a long selection).
 */
export function wordDiff(before: string, after: string): DiffOp[] {
  const a = wordTokens(before);
  const b = wordTokens(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const ops: DiffOp[] = [];
  push(ops, "same", a.slice(0, head).join(""));

  const n = am.length;
  const m = bm.length;
  // lcs[i][j] = length of the LCS of am[i..] and bm[j..], in one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[at(i, j)] = am[i] === bm[j] ? lcs[at(i + 1, j + 1)]! + 1 : Math.max(lcs[at(i + 1, j)]!, lcs[at(i, j + 1)]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      push(ops, "same", am[i]!);
      i++;
      j++;
    } else if (j < m && (i === n || lcs[at(i, j + 1)]! >= lcs[at(i + 1, j)]!)) {
      push(ops, "ins", bm[j]!);
      j++;
    } else {
      push(ops, "del", am[i]!);
      i++;
    }
  }
  push(ops, "same", a.slice(a.length - tail).join(""));
  return tidy(ops);
}

/**
 * Whitespace alone kept between two changes reads as noise ("~~it~~ It ~~was~~"): fold it into both
 * sides so a change reads as one phrase replaced by another.
 */
function tidy(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    const prev = out[out.length - 1];
    const next = ops[k + 1];
    if (op.type === "same" && /^\s+$/.test(op.text) && prev && prev.type !== "same" && next && next.type !== "same") {
      const del = [prev, next].find((o) => o.type === "del");
      const ins = [prev, next].find((o) => o.type === "ins");
      if (del && ins) {
        // Both sides present: the whitespace belongs inside the phrase on each side.
        out.push({ type: "del", text: op.text }, { type: "ins", text: op.text });
        continue;
      }
    }
    push(out, op.type, op.text);
  }
  // Regroup so that within a changed stretch all deletions come before all insertions.
  const grouped: DiffOp[] = [];
  let dels = "";
  let ins = "";
  const flush = () => {
    push(grouped, "del", dels);
    push(grouped, "ins", ins);
    dels = "";
    ins = "";
  };
  for (const op of out) {
    if (op.type === "same") {
      flush();
      push(grouped, "same", op.text);
    } else if (op.type === "del") dels += op.text;
    else ins += op.text;
  }
  flush();
  return grouped;
}

/** The text a diff produces on each side (a check that the diff is lossless). */
export function diffSides(ops: DiffOp[]): { before: string; after: string } {
  let before = "";
  let after = "";
  for (const op of ops) {
    if (op.type !== "ins") before += op.text;
    if (op.type !== "del") after += op.text;
  }
  return { before, after };
}

/** A change in offsets of the original text: [from, to) replaced by `replacement`. */
export type TextChange = { from: number; to: number; original: string; replacement: string };

/** The separate changes of a diff, each located in the original text. */
export function diffChanges(ops: DiffOp[]): TextChange[] {
  const changes: TextChange[] = [];
  let offset = 0;
  let current: TextChange | null = null;
  for (const op of ops) {
    if (op.type === "same") {
      if (current) changes.push(current);
      current = null;
      offset += op.text.length;
      continue;
    }
    current ??= { from: offset, to: offset, original: "", replacement: "" };
    if (op.type === "del") {
      current.original += op.text;
      offset += op.text.length;
      current.to = offset;
    } else current.replacement += op.text;
  }
  if (current) changes.push(current);
  return changes;
}
