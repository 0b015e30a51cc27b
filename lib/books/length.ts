/** Words to tokens for English prose, on the safe side. */
export const TOKENS_PER_WORD = 1.4;

/** The most a chapter's answer may use: its target length with room to finish the scene. */
export function outputTokensFor(targetWords: number): number {
  return Math.ceil(targetWords * TOKENS_PER_WORD * 1.3) + 200;
}
