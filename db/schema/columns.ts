import { integer } from "drizzle-orm/sqlite-core";

/** Shared timestamp columns: milliseconds since the epoch, read back as Date. */
export const timestamps = {
  createdAt: integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date()),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date()),
};

export { newId } from "../ids";
