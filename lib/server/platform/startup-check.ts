// A missing or malformed setting stops the server at start-up with a message naming the
// setting, rather than failing on the first request.
import "server-only";
import { serverEnv } from "./env";

try {
  serverEnv();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
