// `npm run db:seed`: imports the seed table into DATABASE_URL (again: unchanged rows are left alone).
import { importSeed } from "../prisma/seed.ts";
import { createPrismaClient } from "../lib/server/sql/client.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. `npm start` seeds the embedded database by itself.");
  process.exit(1);
}
const db = createPrismaClient(url, 1);
try {
  const outcome = await importSeed(db);
  console.info(
    `${outcome.added.length} added, ${outcome.updated.length} updated, ${outcome.unchanged} left alone`,
  );
} finally {
  await db.$disconnect();
}
