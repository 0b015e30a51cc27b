// Server-sent events decoder. Copes with what real upstreams send: comment lines (OpenRouter's
// ": OPENROUTER PROCESSING"), several events in one read, events split across reads, CRLF or CR line
// ends, multi-line data, and a bare "[DONE]" line without the "data:" field name.

export interface SseEvent {
  event: string | undefined;
  data: string;
}

export class SseDecoder {
  private buffer = "";
  private data: string[] = [];
  private eventName: string | undefined;

  /** Feeds decoded text; returns the events completed by it. */
  feed(text: string): SseEvent[] {
    const out: SseEvent[] = [];
    this.buffer += text;
    let start = 0;
    const buf = this.buffer;
    for (;;) {
      let nl = -1;
      let width = 1;
      for (let i = start; i < buf.length; i++) {
        const c = buf.charCodeAt(i);
        if (c === 10) {
          nl = i;
          break;
        }
        if (c === 13) {
          // A CR at the very end may be the first half of a CRLF split across reads: wait for more.
          if (i + 1 === buf.length) break;
          nl = i;
          width = buf.charCodeAt(i + 1) === 10 ? 2 : 1;
          break;
        }
      }
      if (nl < 0) break;
      this.line(buf.slice(start, nl), out);
      start = nl + width;
    }
    this.buffer = start === 0 ? buf : buf.slice(start);
    return out;
  }

  /** Ends the stream: a last event without its blank line still counts. */
  flush(): SseEvent[] {
    const out: SseEvent[] = [];
    if (this.buffer.length > 0) {
      const rest = this.buffer.endsWith("\r") ? this.buffer.slice(0, -1) : this.buffer;
      this.buffer = "";
      this.line(rest, out);
    }
    this.dispatch(out);
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line.length === 0) {
      this.dispatch(out);
      return;
    }
    const first = line.charCodeAt(0);
    if (first === 58 /* ':' comment */) return;
    if (line === "[DONE]") {
      this.data.push(line);
      return;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.eventName = value;
    else if (field === "error") {
      // llama.cpp (older builds) reports a failure after the headers as an `error: {json}` line.
      this.eventName = "error";
      this.data.push(value);
    }
    // id and retry are irrelevant for one-shot completions.
  }

  private dispatch(out: SseEvent[]): void {
    if (this.data.length === 0) {
      this.eventName = undefined;
      return;
    }
    out.push({ event: this.eventName, data: this.data.length === 1 ? this.data[0]! : this.data.join("\n") });
    this.data = [];
    this.eventName = undefined;
  }
}
