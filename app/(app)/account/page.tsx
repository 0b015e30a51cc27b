import { getDb } from "@/db/request-db";
import { requireUser } from "@/lib/auth/guards";
import { readTrainingOptIn } from "@/lib/training/opt-in";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { TrainingOptInToggle } from "@/components/account/training-opt-in";

export const metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser("/account");
  const optIn = await readTrainingOptIn(getDb(), user);
  return (
    <div className="grid gap-6">
      <h1 className="font-serif text-3xl font-semibold">Your account</h1>
      <Card>
        <CardTitle>Signed in as</CardTitle>
        <CardDescription className="mt-1">{user.email}</CardDescription>
      </Card>
      <Card className="grid gap-3">
        <CardTitle>Help train Quire&apos;s model</CardTitle>
        <CardDescription>
          Quire tunes its own writing model on books written with it. If you allow it, the outlines and chapters you keep
          and the suggestions you accept may be used as training examples. Your name and email are never included, and
          books are only used while this is on. It is off unless you turn it on.
        </CardDescription>
        <TrainingOptInToggle initialOptIn={optIn} />
      </Card>
    </div>
  );
}
