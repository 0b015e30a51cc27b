export function readDevVars(): Record<string, string>;
export const storageConfig: string;
