// Joins a continuation to the text already written. Asked to "continue exactly where it stops", real
// servers sometimes start the text over or repeat its last sentences first; appended blindly, the
// chapter would hold the same passage twice. The start of the continuation is held back only until it
// is clear whether it retells the beginning or the tail of the written text: what it retells is cut,
// and a retelling that then goes a different way is refused (the text cannot be joined honestly).
import { LlmError } from "../errors";

/** Characters of a continuation needed before it can be matched against the written text. */
const PROBE = 12;
/** How far back from the end an echo of the tail is looked for. */
const TAIL = 2000;
/** A retelling this long that then diverges is a restart, not a coincidence. */
const DIVERGED_RESTART = 48;

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
    let diverged = 0;
    const consider = (p: number) => {
      const m = commonPrefix(body, written, p);
      if (m === written.length - p) covered = Math.max(covered, m);
      else if (m === body.length) inside = true;
      else diverged = Math.max(diverged, m);
    };
    const opening = written.length - written.trimStart().length;
    if (written.startsWith(probe, opening)) consider(opening);
    for (let p = written.indexOf(probe, Math.max(opening + 1, written.length - TAIL)); p >= 0; p = written.indexOf(probe, p + 1)) consider(p);
    if (inside && !final) return "";
    this.decided = true;
    if (covered >= 0) return body.slice(covered);
    if (inside) return ""; // the whole continuation only repeated written text
    if (diverged >= DIVERGED_RESTART) {
      throw new LlmError("bad_response", "the continuation started the text over instead of continuing it", { retryable: false });
    }
    return held;
  }
}
