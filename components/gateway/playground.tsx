"use client";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label, Textarea } from "@/components/ui/input";
import { ErrorBanner } from "@/components/ui/error-banner";
import type { QuireMeta } from "@/lib/gateway/openai-shape";
import { readSseJson } from "@/lib/http/sse-reader";
import { announceCreditsChanged } from "@/lib/credits/changed-event";

type Usage = { prompt_tokens: number; completion_tokens: number };
type Turn = { role: "user" | "assistant"; content: string; meta?: QuireMeta; usage?: Usage };

/** Unknown is not zero: an unpriced model's answer says "cost unknown" with its token counts, never $0. */
function costText(meta: QuireMeta, usage?: Usage): string {
  if (meta.cost === "unknown" || (meta.cost_micro_usd === null && !meta.cached)) {
    return usage ? `cost unknown (${usage.prompt_tokens} tokens in / ${usage.completion_tokens} out, no price for this model)` : "cost unknown (no price for this model)";
  }
  return `cost $${((meta.cost_micro_usd ?? 0) / 1_000_000).toFixed(6)}`;
}
export type ModelOption = { id: string; label: string; creditsPer1k: number };

/** Chat with any of Quire's models and see what each answer cost; admins also see the attempts. */
export function Playground({ models, isAdmin }: { models: ModelOption[]; isAdmin: boolean }) {
  const [turns, setTurns] = useState<Turn[]>([]);
  const [model, setModel] = useState(models[0]?.id ?? "");
  const [temperature, setTemperature] = useState(0.7);
  const [maxTokens, setMaxTokens] = useState(400);
  const [useCache, setUseCache] = useState(true);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const abort = useRef<AbortController | null>(null);

  async function send(prompt: string) {
    const history: Turn[] = [...turns, { role: "user", content: prompt }];
    setTurns([...history, { role: "assistant", content: "" }]);
    setPending(true);
    setError(null);
    abort.current = new AbortController();
    try {
      const res = await fetch("/api/playground/chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model, temperature, max_tokens: maxTokens, quire_cache: useCache, messages: history.map(({ role, content }) => ({ role, content })) }),
        signal: abort.current.signal,
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
        setError(body?.error ?? { code: "unavailable:model", message: "No answer." });
        setTurns(history);
        return;
      }
      let text = "";
      for await (const json of readSseJson<{ choices?: { delta?: { content?: string } }[]; quire?: QuireMeta; usage?: Usage; error?: { code: string; message: string } }>(res.body, abort.current.signal)) {
        if (json.error) setError(json.error);
        const piece = json.choices?.[0]?.delta?.content;
        if (piece) text += piece;
        const meta = json.quire && "provider" in json.quire ? json.quire : undefined;
        setTurns([...history, { role: "assistant", content: text, meta, usage: json.usage }]);
      }
    } finally {
      setPending(false);
      announceCreditsChanged();
    }
  }

  return (
    <div className="grid gap-4 lg:grid-cols-[16rem_1fr]">
      <aside className="grid content-start gap-3">
        <div className="grid gap-1">
          <Label htmlFor="pg-model">Model</Label>
          <select id="pg-model" className="h-9 rounded-md border border-border bg-background px-2 text-sm" value={model} onChange={(e) => setModel(e.target.value)}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>{m.label} · {m.creditsPer1k} credit/1k tokens</option>
            ))}
          </select>
        </div>
        <div className="grid gap-1">
          <Label htmlFor="pg-temp">Temperature {temperature.toFixed(1)}</Label>
          <input id="pg-temp" type="range" min={0} max={2} step={0.1} value={temperature} onChange={(e) => setTemperature(Number(e.target.value))} />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="pg-max">Max tokens</Label>
          <Input id="pg-max" type="number" min={1} max={32000} value={maxTokens} onChange={(e) => setMaxTokens(Math.max(1, Math.min(32000, Number(e.target.value) || 1)))} />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={useCache} onChange={(e) => setUseCache(e.target.checked)} /> Use the cache
        </label>
      </aside>
      <section className="grid content-start gap-3">
        <ol className="grid gap-3" aria-label="Conversation">
          {turns.map((t, i) => (
            <li key={i} className={t.role === "user" ? "rounded-md bg-muted p-3" : "rounded-md border border-border p-3"} data-testid={`turn-${t.role}`}>
              <p className="whitespace-pre-wrap text-sm">{t.content || (pending ? "…" : "")}</p>
              {t.meta && (
                <p className="mt-2 text-xs text-muted-foreground" data-testid="answer-meta">
                  {t.meta.model} via {t.meta.provider} · {t.meta.cached ? "from cache · " : ""}
                  {costText(t.meta, t.usage)} · {t.meta.credits} credits
                  {isAdmin && ` · ${t.meta.attempts} attempt${t.meta.attempts === 1 ? "" : "s"}${t.meta.fallback_from ? `, fell back from ${t.meta.fallback_from}` : ""}`}
                </p>
              )}
            </li>
          ))}
        </ol>
        <ErrorBanner error={error} />
        <form
          aria-label="Message"
          className="grid gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const prompt = String(new FormData(form).get("prompt") ?? "").trim();
            if (!prompt) return;
            form.reset();
            void send(prompt);
          }}
        >
          <Textarea name="prompt" aria-label="Your message" maxLength={20000} placeholder="Ask the model something…" />
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>Send</Button>
            {pending && <Button type="button" variant="outline" onClick={() => abort.current?.abort()}>Stop</Button>}
          </div>
        </form>
      </section>
    </div>
  );
}
