// Saved cohorts of the evidence table.
import "server-only";
import { db } from "./db";
import { assertRole, type SessionUser } from "./session-user";

export async function listCohorts(actor: SessionUser | null) {
  assertRole(actor, "viewer");
  return db().cohort.findMany({
    orderBy: { updatedAt: "desc" },
    select: { id: true, name: true, description: true, frozenAt: true, owner: { select: { name: true } } },
  });
}
