// The whole data model (ARCHITECTURE §3). One file per area under db/schema/.
export * from "./schema/auth";
export * from "./schema/books";
export * from "./schema/jobs";
export * from "./schema/credits";
export * from "./schema/usage";
export * from "./schema/extras";
export * from "./schema/bible-proposals";
export { newId } from "./schema/columns";
export * from "./schema/passages";
