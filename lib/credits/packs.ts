/** Credit packs on sale (prices in US cents, integers like all money in Quire). */
export const CREDIT_PACKS = {
  starter: { credits: 1_000, priceCents: 500, label: "Starter" },
  writer: { credits: 5_000, priceCents: 2_000, label: "Writer" },
  studio: { credits: 20_000, priceCents: 6_500, label: "Studio" },
} as const;
export type CreditPackId = keyof typeof CREDIT_PACKS;
export const CREDIT_PACK_IDS = Object.keys(CREDIT_PACKS) as [CreditPackId, ...CreditPackId[]];
