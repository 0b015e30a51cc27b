// Test-only: run one adapter against the upstream and collect what it parsed.
import { readFileSync } from "node:fs";
import type { Target } from "../contract";
import type { ModelInvoker, ProviderCall, StreamPart } from "../providers/types";
import { Watchdog } from "../transport/watchdog";

export function fixture(name: string): string {
  return readFileSync(new URL(`../providers/__fixtures__/${name}`, import.meta.url), "utf8");
}

const TIMEOUTS = { connectMs: 2000, firstTokenMs: 2000, idleMs: 2000, answerMs: 2000, totalMs: 5000 };

export function io() {
  return { fetch: (...args: Parameters<typeof fetch>) => fetch(...args), watchdog: new Watchdog(TIMEOUTS), now: Date.now };
}

export async function streamParts(invoker: ModelInvoker, target: Target, call: ProviderCall): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  const ctx = io();
  try {
    for await (const part of invoker.stream(target, call, ctx)) parts.push(part);
  } finally {
    ctx.watchdog.dispose();
  }
  return parts;
}

export async function complete(invoker: ModelInvoker, target: Target, call: ProviderCall) {
  const ctx = io();
  try {
    return await invoker.complete(target, call, ctx);
  } finally {
    ctx.watchdog.dispose();
  }
}

export const caps = { contextWindow: 8192, jsonMode: true, speed: 3, quality: 3 };

export const baseCall: ProviderCall = {
  task: "chapter",
  messages: [
    { role: "system", content: "You write fiction." },
    { role: "user", content: "Write one line." },
  ],
  maxTokens: 64,
  temperature: 0.7,
  stop: ["###"],
};
