/** Where a visitor goes after signing in when no (acceptable) return path was given. */
const HOME = "/library";
const PROBE_ORIGIN = "https://return-path.invalid";
const MAX_LENGTH = 2_048;

// C0 controls and DEL: URL parsers drop tab/LF/CR silently, so "/\t/evil.example" is read as
// "//evil.example" (another site). Backslashes are read as slashes for the same reason.
const UNSAFE_CHAR = /[\u0000-\u001f\u007f\\]/;
// The same, percent-encoded (%09, %0A, %0d, %7F, %5C ...): refused too, whatever decodes them later.
const UNSAFE_ESCAPE = /%(?:[01][0-9a-f]|7f|5c)/i;

/** Decodes a few rounds of percent-encoding; a malformed escape stops there (it is checked as is). */
function decodings(path: string): string[] {
  const seen = [path];
  let current = path;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break;
    }
    if (next === current) break;
    seen.push(next);
    current = next;
  }
  return seen;
}

/**
 * Only same-site paths are followed after sign-in (no open redirect): an absolute path that stays on
 * this origin however a browser parses it. Anything else gives the library.
 */
export function safeReturnPath(path: string | null | undefined): string {
  if (typeof path !== "string" || path.length === 0 || path.length > MAX_LENGTH) return HOME;
  for (const form of decodings(path)) {
    if (!form.startsWith("/") || form.startsWith("//") || UNSAFE_CHAR.test(form) || UNSAFE_ESCAPE.test(form)) {
      return HOME;
    }
  }
  // Belt and braces: whatever the parser makes of it must still be on this origin.
  try {
    if (new URL(path, PROBE_ORIGIN).origin !== PROBE_ORIGIN) return HOME;
  } catch {
    return HOME;
  }
  return path;
}
