/** Raised for eval options or suite files a person got wrong; the message names the option or file. */
export class EvalOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalOptionsError";
  }
}
