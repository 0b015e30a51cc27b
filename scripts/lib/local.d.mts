export function readDevVars(): Record<string, string>;
export const storageConfig: string;
export function ensureDevVars(): void;
export function applyMigrations(stateDir?: string): void;
export const root: string;
