// A one-consumer async queue of text chunks: the dispatcher pushes as tokens arrive, the caller
// iterates. Breaking out of the loop cancels the upstream request.

export class TextChannel implements AsyncIterable<string> {
  private readonly buffer: string[] = [];
  private waiter: { resolve: (r: IteratorResult<string>) => void; reject: (e: unknown) => void } | undefined;
  private closed = false;
  private failure: { error: unknown } | undefined;
  private iterated = false;

  constructor(private readonly onCancel: () => void) {}

  push(text: string): void {
    if (this.closed) return;
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter.resolve({ value: text, done: false });
    } else this.buffer.push(text);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve({ value: undefined, done: true });
  }

  fail(error: unknown): void {
    if (this.closed) return;
    this.failure = { error };
    this.closed = true;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    if (this.iterated) throw new Error("textStream can be read once");
    this.iterated = true;
    return {
      next: () => {
        if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
        if (this.failure) {
          const { error } = this.failure;
          this.failure = undefined;
          return Promise.reject(error);
        }
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiter = { resolve, reject };
        });
      },
      return: () => {
        if (!this.closed) {
          this.closed = true;
          this.onCancel();
        }
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
