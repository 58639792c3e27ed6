// Read access to the evidence table for the signed-in team.
import "server-only";
import { db } from "./db";
import { assertRole, type SessionUser } from "./session-user";

export interface EvidenceSummary {
  studies: number;
  registeredTrials: number;
  unregisteredStudies: number;
  /** The largest enrollment per registered trial plus every unregistered study. */
  patientsDeduplicated: number;
  arms: number;
}

export async function evidenceSummary(actor: SessionUser | null): Promise<EvidenceSummary> {
  assertRole(actor, "viewer");
  const rows = await db().$queryRaw<
    { studies: number; trials: number; unregistered: number; patients: number; arms: number }[]
  >`
    WITH per_trial AS (
      SELECT MAX(enrollment) AS n FROM studies WHERE trial_id IS NOT NULL GROUP BY trial_id
    )
    SELECT (SELECT COUNT(*)::int FROM studies) AS studies,
           (SELECT COUNT(*)::int FROM per_trial) AS trials,
           (SELECT COUNT(*)::int FROM studies WHERE trial_id IS NULL) AS unregistered,
           ((SELECT COALESCE(SUM(n), 0) FROM per_trial)
             + (SELECT COALESCE(SUM(enrollment), 0) FROM studies WHERE trial_id IS NULL))::int AS patients,
           (SELECT COUNT(*)::int FROM dose_arms) AS arms`;
  const r = rows[0] ?? { studies: 0, trials: 0, unregistered: 0, patients: 0, arms: 0 };
  return {
    studies: r.studies,
    registeredTrials: r.trials,
    unregisteredStudies: r.unregistered,
    patientsDeduplicated: r.patients,
    arms: r.arms,
  };
}

export async function listStudies(actor: SessionUser | null, page = 1, pageSize = 50) {
  assertRole(actor, "viewer");
  const [total, rows] = await Promise.all([
    db().study.count(),
    db().study.findMany({
      orderBy: [{ diseaseCode: "asc" }, { sourceLine: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        diseaseCode: true,
        disease: true,
        routeText: true,
        enrollment: true,
        outcome: true,
        reference: true,
        trial: { select: { registryId: true } },
        products: { select: { rawText: true }, orderBy: { position: "asc" } },
        arms: { select: { doseText: true, n: true }, orderBy: { position: "asc" } },
      },
    }),
  ]);
  return { total, rows, page, pageSize };
}
