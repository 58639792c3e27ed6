// Test data factories: real rows in the test database, made the way the app makes them.
import { randomUUID } from "node:crypto";
import type { Role } from "../../lib/domain/roles";
import { hashPassword } from "../../lib/server/platform/password";
import type { Db } from "../../lib/server/sql/client";
import type { SessionUser } from "../../lib/server/platform/session-user";
import { EditStudySchema } from "../../lib/validation/study";

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

/** The study correction form's fields as the study stands now, with `changes` on top, read as the
 * action reads them. */
export async function studyEditForm(db: Db, id: string, changes: Record<string, string> = {}) {
  const s = await db.study.findUniqueOrThrow({ where: { id }, include: { arms: true } });
  return EditStudySchema.parse({
    id: s.id,
    version: String(s.version),
    enrollment: String(s.enrollment ?? ""),
    routeText: s.routeText,
    outcome: s.outcome,
    reference: s.reference ?? "",
    year: s.publicationYear === null ? "" : String(s.publicationYear),
    design: s.design ?? "",
    ...Object.fromEntries(
      s.arms.flatMap((a) => [
        [`arm_${a.id}_dose`, a.doseText],
        [`arm_${a.id}_n`, a.n === null ? "" : String(a.n)],
      ]),
    ),
    ...changes,
  });
}
