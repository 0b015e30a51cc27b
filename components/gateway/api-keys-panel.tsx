"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { createApiKeyAction, revokeApiKeyAction } from "@/actions/api-keys";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { ErrorBanner } from "@/components/ui/error-banner";
import { CopyButton } from "@/components/ui/copy-button";

export type KeyRow = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
type ActionError = { code: string; message: string } | null;

export function ApiKeysPanel({ keys }: { keys: KeyRow[] }) {
  const router = useRouter();
  const create = useServerAction(createApiKeyAction);
  const revoke = useServerAction(revokeApiKeyAction);
  const [fresh, setFresh] = useState<{ name: string; secret: string } | null>(null);

  return (
    <div className="grid gap-6">
      <form
        aria-label="Create API key"
        className="flex flex-wrap items-end gap-2"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const [data] = await create.execute({ name: String(new FormData(form).get("name") ?? "") });
          if (data) {
            setFresh({ name: data.name, secret: data.secret });
            form.reset();
            router.refresh();
          }
        }}
      >
        <div className="grid gap-2">
          <Label htmlFor="key-name">Key name</Label>
          <Input id="key-name" name="name" placeholder="My script" maxLength={60} required />
        </div>
        <Button type="submit" disabled={create.isPending}>Create key</Button>
      </form>
      {fresh && (
        <div role="status" className="grid gap-2 rounded-md border border-primary/40 bg-primary/5 p-3 text-sm">
          <p>
            Your new key <strong>{fresh.name}</strong>. Copy it now: it is not shown again.
          </p>
          <code className="break-all rounded bg-muted p-2" data-testid="new-api-key">{fresh.secret}</code>
          <CopyButton text={fresh.secret} label="Copy key" />
        </div>
      )}
      <ErrorBanner error={(create.error ?? revoke.error) as ActionError} />
      <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="API keys">
        <thead className="text-muted-foreground">
          <tr>
            <th className="py-1">Name</th>
            <th>Key</th>
            <th>Created</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id} className="border-t border-border" data-testid="api-key-row">
              <td className="py-2">{k.name}</td>
              <td className="font-mono">{k.prefix}…</td>
              <td>{k.createdAt.slice(0, 10)}</td>
              <td>{k.lastUsedAt ? k.lastUsedAt.slice(0, 16).replace("T", " ") : "never"}</td>
              <td className="text-right">
                {k.revokedAt ? (
                  <span className="text-muted-foreground">revoked</span>
                ) : (
                  <Button size="sm" variant="outline" onClick={async () => { const [, err] = await revoke.execute({ keyId: k.id }); if (!err) router.refresh(); }}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}
