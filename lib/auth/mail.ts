/**
 * How Quire sends account mail (today: password-reset links). One interface, so a real provider
 * (an HTTP mail API) plugs in at `mailSenderFromEnv` without touching auth.
 *
 * Locally (`DEV_MAIL_OUTBOX=true`, set by `npm start`) a message goes to the server log and to an
 * in-memory outbox that the dev-only page /dev/mail lists. Elsewhere, until a provider is wired in, a
 * request is logged WITHOUT its link: a reset link in production logs would let anyone who reads the
 * logs take over the account.
 */
export type AccountMail = { kind: "reset-password"; to: string; subject: string; text: string; link: string };

export interface MailSender {
  send(mail: AccountMail): Promise<void>;
}

export type OutboxEntry = AccountMail & { sentAt: Date };

const OUTBOX_SIZE = 20;
// Kept on globalThis, not in this module: Next bundles the auth route and the /dev/mail page
// separately, each with its own copy of this module, but both run in the same local isolate.
const shared = globalThis as typeof globalThis & { __quireDevOutbox?: OutboxEntry[] };
const outbox: OutboxEntry[] = (shared.__quireDevOutbox ??= []);

/** Newest first: what the local outbox sender has sent in this server process. */
export function recentOutbox(): readonly OutboxEntry[] {
  return outbox;
}

export const devOutboxSender: MailSender = {
  async send(mail) {
    outbox.unshift({ ...mail, sentAt: new Date() });
    outbox.length = Math.min(outbox.length, OUTBOX_SIZE);
    // warn, not log: `npm start` runs wrangler with --log-level warn, and the link must show there.
    console.warn(`[quire] mail to ${mail.to}: ${mail.subject}\n  ${mail.link}\n  (listed at /dev/mail)`);
  },
};

export const unconfiguredSender: MailSender = {
  async send(mail) {
    console.warn(`[quire] no mail sender is configured: a ${mail.kind} mail to ${mail.to} was not sent (see lib/auth/mail.ts)`);
  },
};

export function mailSenderFromEnv(env: { DEV_MAIL_OUTBOX: boolean }): MailSender {
  return env.DEV_MAIL_OUTBOX ? devOutboxSender : unconfiguredSender;
}

export function resetPasswordMail(to: string, link: string): AccountMail {
  return {
    kind: "reset-password",
    to,
    subject: "Reset your Quire password",
    text: `Someone (hopefully you) asked to reset the password of your Quire account.\n\nChoose a new password here (the link works for one hour, once):\n${link}\n\nIf it was not you, ignore this mail: your password stays as it is.`,
    link,
  };
}
