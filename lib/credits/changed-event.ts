/**
 * The window event a client dispatches when it has just spent or bought credits (a suggestion
 * taken, a chapter job finished, a purchase), so the header badge refetches the balance at once.
 * Pure and browser-safe: client components import it.
 */
export const CREDITS_CHANGED = "quire:credits-changed";

export function announceCreditsChanged(): void {
  if (typeof window !== "undefined") window.dispatchEvent(new Event(CREDITS_CHANGED));
}
