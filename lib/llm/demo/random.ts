// Deterministic randomness for the demo model: the same prompt always gives the same text.

export { hashString, seededRandom } from "@/lib/random";

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
