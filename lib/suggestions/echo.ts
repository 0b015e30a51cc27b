/**
 * Continue writing asks for new sentences only, but models (the demo model among them) sometimes
 * repeat the text they were given first. This holds tokens back only while they could still be
 * that repetition, then lets the rest through: a model that does not echo loses no time.
 */
export async function* stripEcho(tokens: AsyncIterable<string>, anchor: string): AsyncGenerator<string> {
  const target = anchor.trim();
  let held = "";
  let deciding = target.length > 0;
  for await (const token of tokens) {
    if (!deciding) {
      yield token;
      continue;
    }
    held += token;
    const probe = held.trimStart();
    if (probe.length < target.length && target.startsWith(probe)) continue; // still possibly an echo
    deciding = false;
    const rest = probe.startsWith(target) ? probe.slice(target.length) : held;
    if (rest) yield rest;
  }
  // The answer ended while it was still a prefix of the anchor: nothing new was written.
  if (deciding && !target.startsWith(held.trimStart())) yield held;
}
