// `npm run db:migrate`: applies pending migrations to DATABASE_URL.
import pg from "pg";
import { migrate } from "../lib/server/sql/migrations.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. `npm start` migrates the embedded database by itself.");
  process.exit(1);
}
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  const applied = await migrate(client, { log: (l) => console.info(l) });
  console.info(applied.length ? `${applied.length} migration(s) applied` : "database is up to date");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await client.end();
}
