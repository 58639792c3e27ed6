// Test data factories: real rows in the test database, made the way the app makes them.
import { randomUUID } from "node:crypto";
import type { Role } from "../../lib/domain/roles";
import { hashPassword } from "../../lib/server/platform/password";
import type { Db } from "../../lib/server/sql/client";
import type { SessionUser } from "../../lib/server/platform/session-user";

let cachedHash: Promise<string> | undefined;
export const FACTORY_PASSWORD = "correct horse battery staple";

export async function makeUser(
  db: Db,
  role: Role,
  overrides: { email?: string; name?: string; password?: string } = {},
): Promise<SessionUser> {
  // Hashing at full cost is slow; the common password's hash is made once.
  const passwordHash = overrides.password
    ? await hashPassword(overrides.password)
    : await (cachedHash ??= hashPassword(FACTORY_PASSWORD));
  const user = await db.user.create({
    data: {
      email: overrides.email ?? `${role}-${randomUUID()}@example.test`,
      name: overrides.name ?? `Test ${role}`,
      role,
      passwordHash,
    },
  });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}
