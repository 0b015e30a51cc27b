import { requireUser } from "@/lib/auth/guards";
import { getLlm } from "@/lib/ai/service";
import { modelList } from "@/lib/gateway/models";
import { Playground } from "@/components/gateway/playground";

export const metadata = { title: "Playground" };

export default async function PlaygroundPage() {
  const user = await requireUser("/playground");
  const models = modelList(getLlm()).data.map((m) => ({ id: m.id, label: m.id, creditsPer1k: m.quire.credits_per_1k_tokens }));
  return (
    <div className="grid gap-6">
      <h1 className="font-serif text-3xl font-semibold">Playground</h1>
      <Playground models={models} isAdmin={user.role === "admin"} />
    </div>
  );
}
