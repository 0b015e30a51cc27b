import { notFound } from "next/navigation";
import { appEnv } from "@/lib/env";
import { recentOutbox } from "@/lib/auth/mail";

export const metadata = { title: "Local mail" };

/**
 * Local development only (DEV_MAIL_OUTBOX=true, set by `npm start`): the account mail this server
 * would have sent, newest first. Anywhere else the page does not exist.
 */
export default function DevMailPage() {
  if (!appEnv().DEV_MAIL_OUTBOX) notFound();
  const mails = recentOutbox();
  return (
    <>
      <h1 className="text-xl font-semibold">Local mail</h1>
      <p className="text-sm text-muted-foreground">Mail this local server would have sent (newest first; also in the server log).</p>
      {mails.length === 0 ? (
        <p className="text-sm">Nothing sent yet.</p>
      ) : (
        <ul className="flex flex-col gap-3 text-sm">
          {mails.map((m) => (
            <li key={`${m.sentAt.getTime()}-${m.link}`} data-testid="dev-mail" className="rounded-md border border-border p-3">
              <div className="font-medium">{m.subject}</div>
              <div className="text-muted-foreground">
                to {m.to} · {m.sentAt.toISOString()}
              </div>
              <a className="break-all underline" href={m.link}>
                {m.link}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
