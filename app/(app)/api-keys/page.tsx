import { getDb } from "@/db/request-db";
import { requireUser } from "@/lib/auth/guards";
import { listApiKeys } from "@/lib/gateway/api-keys";
import { ApiKeysPanel } from "@/components/gateway/api-keys-panel";

export const metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const user = await requireUser("/api-keys");
  const keys = await listApiKeys(getDb(), user);
  return (
    <div className="grid gap-6">
      <h1 className="font-serif text-3xl font-semibold">API keys</h1>
      <p className="text-sm text-muted-foreground">
        Call Quire&apos;s models from your own tools with any OpenAI-compatible client: base URL <code>/api/v1</code>, your key as
        the API key, models from <code>GET /api/v1/models</code> (for example <code>quire/chapter</code>). Calls use your credits.
      </p>
      <ApiKeysPanel
        keys={keys.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null }))}
      />
    </div>
  );
}
