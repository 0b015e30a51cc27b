// Routing strategies: each turns a route into an ordered list of targets to try. The service walks
// that list (skipping benched targets) with retries and fallback.
import type { Route, Target, TargetPrice } from "../contract";

export interface RoutingInput {
  route: Route;
  targets: ReadonlyMap<string, Target>;
  /** Approximate prompt tokens plus the tokens asked for. */
  promptTokens: number;
  maxOutputTokens: number;
  needsJson: boolean;
  userId?: string;
  bookId?: string;
  /** Monotonic counter per route, for round robin. */
  turn: number;
  random: () => number;
  priceOf: (target: Target) => TargetPrice | undefined;
  isAvailable: (targetId: string) => boolean;
}

export interface RoutingDecision {
  order: Target[];
  /** A/B arm (the target id chosen by the split). */
  arm?: string;
}

function resolve(input: RoutingInput): Array<{ target: Target; weight: number }> {
  return input.route.targets.map((rt) => {
    const target = input.targets.get(rt.id);
    if (!target) throw new Error(`route names unknown target "${rt.id}"`);
    return { target, weight: rt.weight ?? 1 };
  });
}

function fits(target: Target, input: RoutingInput): boolean {
  return target.capabilities.contextWindow >= input.promptTokens + input.maxOutputTokens;
}

/** Expected price of this request on a target, in pico-USD-ish units (only the order matters). */
function expectedPrice(target: Target, input: RoutingInput): number {
  const price = input.priceOf(target);
  if (!price) return Number.POSITIVE_INFINITY; // unknown prices go last, never treated as free
  return price.inputPerMTok * input.promptTokens + price.outputPerMTok * input.maxOutputTokens;
}

/** Picks one entry by weight with `roll` in [0,1); returns its index. */
function weightedIndex(weights: number[], roll: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  let point = roll * total;
  for (let i = 0; i < weights.length; i++) {
    point -= weights[i]!;
    if (point < 0) return i;
  }
  return weights.length - 1;
}

/** Stable hash of a string to [0,1): FNV-1a 32-bit. */
export function stableFraction(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 0x1_0000_0000;
}

function promote<T>(items: T[], index: number): T[] {
  return [items[index]!, ...items.slice(0, index), ...items.slice(index + 1)];
}

/** 0..1 fit score for the capability strategy: context fit is a gate; JSON, speed, quality, price weigh in. */
export function capabilityScore(target: Target, input: RoutingInput, cheapest: number): number {
  if (!fits(target, input)) return -1;
  const c = target.capabilities;
  const json = input.needsJson ? (c.jsonMode ? 1 : 0) : 0.5;
  const price = expectedPrice(target, input);
  const priceScore = !Number.isFinite(price) ? 0 : price <= 0 || cheapest <= 0 ? 1 : Math.min(1, cheapest / price);
  const headroom = Math.min(1, c.contextWindow / (4 * Math.max(1, input.promptTokens + input.maxOutputTokens)));
  return 0.25 * json + 0.2 * (c.speed / 5) + 0.3 * (c.quality / 5) + 0.15 * priceScore + 0.1 * headroom;
}

export function routeTargets(input: RoutingInput): RoutingDecision {
  const entries = resolve(input);
  const targets = entries.map((e) => e.target);
  switch (input.route.strategy) {
    case "priority":
      return { order: targets };
    case "round-robin": {
      const start = input.turn % targets.length;
      return { order: [...targets.slice(start), ...targets.slice(0, start)] };
    }
    case "weighted": {
      const healthy = entries.map((e) => (input.isAvailable(e.target.id) ? e.weight : 0));
      const weights = healthy.some((w) => w > 0) ? healthy : entries.map((e) => e.weight);
      return { order: promote(targets, weightedIndex(weights, input.random())) };
    }
    case "cost-optimized": {
      const ranked = targets
        .map((target, index) => ({ target, index, fits: fits(target, input), price: expectedPrice(target, input) }))
        .sort((a, b) => Number(b.fits) - Number(a.fits) || a.price - b.price || a.index - b.index);
      return { order: ranked.map((r) => r.target) };
    }
    case "capability": {
      const cheapest = Math.min(...targets.map((t) => expectedPrice(t, input)));
      const ranked = targets
        .map((target, index) => ({ target, index, score: capabilityScore(target, input, cheapest) }))
        .sort((a, b) => b.score - a.score || a.index - b.index);
      return { order: ranked.map((r) => r.target) };
    }
    case "ab": {
      const stickyId = input.route.stickyBy === "book" ? input.bookId : input.userId ?? input.bookId;
      const roll = stickyId !== undefined ? stableFraction(`${stickyId}`) : input.random();
      const index = weightedIndex(
        entries.map((e) => e.weight),
        roll,
      );
      return { order: promote(targets, index), arm: targets[index]!.id };
    }
  }
}
