import type { SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { Surface } from "@/lib/errors";
import type { UsageEvent } from "@/lib/llm";
import { runRawBatch } from "@/db/batch";
import { refundUnsettledReservations } from "@/db/queries/credits";
import { creditCorrectionStatements, recordCallStatements, type CreditCorrection } from "@/db/queries/usage";
import { facetsOf, toCallRecord } from "@/lib/usage/sink";
import { reserveCredits, settleCredits, settlement, type Reservation, type SettleInput } from "./ledger";
import { creditsForAttempt } from "./prices";

/**
 * THE charging seam: every paid surface pays through here.
 *
 *   const chapter = await charged(db, { userId, key, surface, description, estimate }, async (meter) =>
 *     llm.generateText({ ...request, onUsage: meter.onUsage }));
 *
 * 1. reserve `estimate` credits (refused with insufficient_credits:<surface> when the balance is short);
 * 2. run the work; every LLM request made for it passes `onUsage: meter.onUsage`, so the meter sees
 *    the very usage events the usage sink records and prices them with the same function
 *    (creditsForAttempt in ./prices.ts): the ledger and the dashboard cannot disagree;
 * 3. settle to what the meter counted, whether the work succeeded or failed: the rest is refunded,
 *    an overrun is taken only as far as the balance allows (never below zero).
 * Each ledger row is keyed by `key`, so a retried or resumed step with the same key is charged once.
 */
export type ChargeSpec = {
  userId: string;
  /** The idempotency key of this charge: the same work, retried or resumed, must pass the same key. */
  key: string;
  surface: Surface;
  /** What the author reads in their history. */
  description: string;
  jobId?: string | null;
  /** Credits to hold before the work runs: its worst case (prices.ts `worstCaseCredits`). */
  estimate: number;
  /**
   * A key prefix shared by earlier runs of the same work (a job step taken over after its runner
   * died): their reservations that were never settled are given back before this one is taken.
   */
  supersedes?: string;
  /**
   * The charge writes its requests' usage rows (llm_calls and rollups) in the same D1 batch as its
   * settlement; its requests pass `recordsOwnUsage: true` so the usage sink does not write them too.
   * For work whose writes after the answer are on the next call's path (the API gateway).
   */
  recordsUsage?: boolean;
};

/** What one charge has used so far, from the usage events of its LLM requests. */
export class Meter {
  #credits = 0;
  #estimated = false;
  #waived: string | null = null;
  readonly #priced: CreditCorrection[] = [];
  readonly #events: UsageEvent[] | null;

  /** `keepEvents`: the charge writes these events' usage rows itself (ChargeSpec.recordsUsage). */
  constructor(keepEvents = false) {
    this.#events = keepEvents ? [] : null;
  }

  /** Pass as `onUsage` on every LLM request made for this charge. */
  readonly onUsage = (event: UsageEvent): void => {
    this.#events?.push(event);
    const credits = creditsForAttempt(event);
    this.#credits += credits;
    if (credits > 0 && event.userId) {
      this.#priced.push({ at: event.at, provider: event.provider, model: event.model, task: event.task, userId: event.userId, credits });
    }
    // Usage counted by Quire's tokenizer because the provider reported none: the charge says so.
    if (credits > 0 && event.estimated) this.#estimated = true;
  };

  /**
   * The work's result is one the author is not charged for (a suggestion that changed nothing):
   * the charge settles to 0, and the credits the usage sink counted are taken off the rollups too,
   * so the dashboard still equals the ledger.
   */
  waive(reason: string): void {
    this.#waived = reason;
  }

  /** Credits to charge: what was used, or 0 when waived. */
  get credits(): number {
    return this.#waived === null ? this.#credits : 0;
  }

  get waived(): string | null {
    return this.#waived;
  }

  /** The rollup corrections a waiver needs (empty otherwise). */
  get corrections(): CreditCorrection[] {
    return this.#waived === null ? [] : [...this.#priced];
  }

  /** The usage rows this charge writes itself (empty unless it keeps its events). */
  usageStatements(): SQL[] {
    return (this.#events ?? []).flatMap((event) => recordCallStatements(toCallRecord(event), facetsOf(event)));
  }

  /** True when any charged figure was estimated rather than reported by the provider. */
  get estimated(): boolean {
    return this.#estimated;
  }
}

/**
 * A charge that outlives one function call (a streamed answer whose response is returned before the
 * stream ends). `open` reserves; `close` settles to the meter, once, however often it is called.
 * Prefer `charged` / `chargedStream`, which close for you.
 */
export class OpenCharge {
  readonly meter: Meter;
  #closing: Promise<number> | undefined;

  private constructor(
    private readonly db: Db,
    private readonly spec: ChargeSpec,
    readonly reservation: Reservation,
  ) {
    this.meter = new Meter(spec.recordsUsage === true);
  }

  /** Pass as `recordsOwnUsage` on this charge's LLM requests. */
  get recordsUsage(): boolean {
    return this.spec.recordsUsage === true;
  }

  /**
   * Reserves the estimate, or adopts a reservation already taken (the API gateway takes its own in
   * the same D1 batch as the key lookup and rate limit: lib/gateway/admission.ts).
   */
  static async open(db: Db, spec: ChargeSpec, reserved?: Reservation): Promise<OpenCharge> {
    if (spec.supersedes) {
      await refundUnsettledReservations(db, { userId: spec.userId, chargeKeyPrefix: spec.supersedes, exceptKey: spec.key, description: `${spec.description} (interrupted)` });
    }
    const reservation =
      reserved ??
      (await reserveCredits(db, { userId: spec.userId, amount: spec.estimate, key: spec.key, jobId: spec.jobId, description: spec.description, surface: spec.surface }));
    return new OpenCharge(db, spec, reservation);
  }

  /**
   * Settles to what the meter counted. Returns the credits charged. A settlement that cannot be
   * written is logged, not thrown: the reservation then stands (the author is never charged less than
   * nothing, and the same key settles it on a retry).
   */
  close(outcome: "done" | "failed" = "done"): Promise<number> {
    this.#closing ??= (async () => {
      const note = [outcome === "failed" ? "failed" : "", this.meter.waived ?? "", this.meter.estimated ? "estimated usage" : ""].filter(Boolean).join(", ");
      const description = note ? `${this.spec.description} (${note})` : this.spec.description;
      const settle = { reservation: this.reservation, used: this.meter.credits, jobId: this.spec.jobId, description };
      const rest = [...this.meter.usageStatements(), ...this.meter.corrections.flatMap(creditCorrectionStatements)];
      try {
        // One D1 batch: the settlement, then the usage rows and corrections (all written or none).
        const { statement, charged } = settlement(this.db, settle);
        const [rows] = await runRawBatch<{ debit?: number }>(this.db, [statement, ...rest]);
        return await charged(rows ?? []);
      } catch (err) {
        if (rest.length > 0) return this.#closeApart(settle, rest, err);
        console.error(`[quire] could not settle charge ${this.spec.key}; its reservation of ${this.reservation.amount} stands`, err);
        return this.reservation.amount;
      }
    })();
    return this.#closing;
  }

  /** The batch failed: settle on its own, so a usage row that cannot be written never holds the author's credits. */
  async #closeApart(settle: SettleInput, rest: SQL[], batchError: unknown): Promise<number> {
    console.error(`[quire] the settlement batch of charge ${this.spec.key} failed; settling it on its own`, batchError);
    let charged = this.reservation.amount;
    try {
      charged = await settleCredits(this.db, settle);
    } catch (err) {
      console.error(`[quire] could not settle charge ${this.spec.key}; its reservation of ${this.reservation.amount} stands`, err);
    }
    await runRawBatch(this.db, rest).catch((err: unknown) => console.error(`[quire] the usage rows of charge ${this.spec.key} were not written`, err));
    return charged;
  }
}

/** Runs paid work under one charge: reserve, run, settle to the metered use (also when it fails). */
export async function charged<T>(db: Db, spec: ChargeSpec, run: (meter: Meter) => Promise<T>): Promise<T> {
  const charge = await OpenCharge.open(db, spec);
  try {
    const value = await run(charge.meter);
    await charge.close("done");
    return value;
  } catch (err) {
    await charge.close("failed");
    throw err;
  }
}

/**
 * Paid work that streams events: the reservation is taken before this resolves (so a refusal is an
 * error the caller can answer with a status, not an event), and the charge settles when the stream
 * ends, fails or is abandoned by its reader. `settle` settles early (before a final event, so that
 * what the reader is told has been charged is already in the ledger); it returns the credits charged.
 */
export async function chargedStream<E>(
  db: Db,
  spec: ChargeSpec,
  run: (meter: Meter, settle: () => Promise<number>) => AsyncIterable<E>,
): Promise<AsyncGenerator<E>> {
  const charge = await OpenCharge.open(db, spec);
  let events: AsyncIterable<E>;
  try {
    events = run(charge.meter, () => charge.close("done"));
  } catch (err) {
    await charge.close("failed");
    throw err;
  }
  return (async function* () {
    let outcome: "done" | "failed" = "failed";
    try {
      yield* events;
      outcome = "done";
    } finally {
      await charge.close(outcome);
    }
  })();
}
