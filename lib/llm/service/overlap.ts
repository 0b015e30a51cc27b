// Joins a continuation to the text already written. Asked to "continue exactly where it stops", real
// servers sometimes start the text over or repeat its last sentences first; appended blindly, the
// chapter would hold the same passage twice. The start of the continuation is held back only until it
// is clear whether it retells the beginning or the tail of the written text: what it retells is cut,
// and a retelling of the opening that then goes a different way is refused (the text cannot be joined
// honestly). A retelling counts only from a whole sentence on: prose with refrains (and the demo
// model's sentence patterns) shares long phrases by chance, and a chance likeness must not cost the
// author a chapter.
import { LlmError } from "../errors";

/** Characters of a continuation needed before it can be matched against the written text. */
const PROBE = 12;
/** How far back from the end an echo of the tail is looked for. */
const TAIL = 2000;
/** A retelling this long that then diverges is a restart, not a coincidence. */
const DIVERGED_RESTART = 48;

/** Where the last whole sentence in text[0, upTo) ends (after its closing mark and quote), or 0. */
function wholeSentencesEnd(text: string, upTo: number): number {
  let end = 0;
  for (const m of text.slice(0, upTo).matchAll(/[.!?…]["'”’)]*(?=\s)/g)) end = m.index + m[0].length;
  return end;
}

function commonPrefix(a: string, b: string, bStart: number): number {
  const max = Math.min(a.length, b.length - bStart);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(bStart + i)) i++;
  return i;
}

export class ContinuationJoin {
  private held = "";
  private decided = false;

  constructor(private readonly written: string) {}

  /** Takes continuation text; returns what may be passed on now (possibly ""). */
  push(text: string): string {
    if (this.decided) return text;
    this.held += text;
    return this.decide(false);
  }

  /** At the end of the continuation (complete or broken): what is still held back and new. */
  end(): string {
    if (this.decided) return "";
    return this.decide(true);
  }

  private decide(final: boolean): string {
    const held = this.held;
    const body = held.trimStart();
    if (body.length < PROBE) {
      if (!final) return "";
      this.decided = true;
      return this.written.endsWith(body) && body.length > 0 ? "" : held;
    }
    const written = this.written;
    const probe = body.slice(0, PROBE);
    let covered = -1;
    let inside = false;
    // How far a retelling that went another way agreed: from the opening (a restart), from the tail (a rewind).
    let restarted = 0;
    let rewound = 0;
    const opening = written.length - written.trimStart().length;
    const consider = (p: number) => {
      const m = commonPrefix(body, written, p);
      if (m === written.length - p) covered = Math.max(covered, m);
      else if (m === body.length) inside = true;
      else if (p === opening) restarted = m;
      else rewound = Math.max(rewound, m);
    };
    if (written.startsWith(probe, opening)) consider(opening);
    for (let p = written.indexOf(probe, Math.max(opening + 1, written.length - TAIL)); p >= 0; p = written.indexOf(probe, p + 1)) consider(p);
    if (inside && !final) return "";
    this.decided = true;
    if (covered >= 0) return body.slice(covered);
    if (inside) return ""; // the whole continuation only repeated written text
    if (restarted >= DIVERGED_RESTART && wholeSentencesEnd(body, restarted) > 0) {
      throw new LlmError("bad_response", "the continuation started the text over instead of continuing it", { retryable: false });
    }
    // Went back into the tail, retold some of it and went on: the retold whole sentences are cut.
    const retold = wholeSentencesEnd(body, rewound);
    return retold > 0 ? body.slice(retold) : held;
  }
}
