// The id maker lives in db/ids.ts (db imports nothing from lib); kept here for existing imports.
export { newId } from "@/db/ids";
