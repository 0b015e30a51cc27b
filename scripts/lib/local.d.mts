export function readDevVars(): Record<string, string>;
