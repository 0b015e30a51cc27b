import { defineConfig } from "drizzle-kit";

// Migrations are generated here and applied by wrangler (locally and remotely): see README.
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
