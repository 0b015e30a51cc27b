import { getDb } from "@/db/request-db";
import { countPlatform } from "@/lib/admin/overview";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";

export const metadata = { title: "Admin" };

// The cost dashboard arrives with the credits and usage issue; this shows the platform's size.
export default async function AdminPage() {
  const counts = await countPlatform(getDb());
  return (
    <div className="grid gap-6">
      <h1 className="font-serif text-3xl font-semibold">Admin</h1>
      <div className="grid gap-4 sm:grid-cols-3">
        {(
          [
            ["Users", counts.users],
            ["Books", counts.books],
            ["Model calls", counts.llmCalls],
          ] as const
        ).map(([label, value]) => (
          <Card key={label}>
            <CardDescription>{label}</CardDescription>
            <CardTitle className="mt-1 text-3xl" data-testid={`admin-count-${label.toLowerCase().replace(" ", "-")}`}>
              {value.toLocaleString("en")}
            </CardTitle>
          </Card>
        ))}
      </div>
      <CardDescription>Spend, cache hits, fallbacks and budgets will appear here.</CardDescription>
    </div>
  );
}
