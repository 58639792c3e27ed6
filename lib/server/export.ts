// Exports of the filtered studies as CSV and JSON, streamed in batches.
import "server-only";
import type { AnalysisSettings, CohortFilter } from "../domain/cohort-filter";
import { armCellsPerKg } from "../domain/format";
import { db } from "./db";
import { assertRole, type SessionUser } from "./session-user";
import { cohortWhere } from "./study-query";

const BATCH = 2000;

export const EXPORT_COLUMNS = [
  "id",
  "disease_code",
  "disease",
  "routes",
  "products",
  "sources",
  "donors",
  "co_interventions",
  "enrollment",
  "doses_as_written",
  "arm_sizes",
  "dose_min_cells_per_kg",
  "dose_max_cells_per_kg",
  "dose_estimated",
  "registry_id",
  "registry",
  "reference",
  "outcome",
  "source_table",
  "source_line",
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | null>;

export async function* exportRows(
  actor: SessionUser | null,
  filter: CohortFilter,
  settings: AnalysisSettings,
): AsyncGenerator<ExportRow> {
  assertRole(actor, "viewer");
  const where = cohortWhere(filter, settings);
  let cursor: string | undefined;
  for (;;) {
    const batch = await db().study.findMany({
      where,
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      include: {
        trial: true,
        source: { select: { name: true } },
        products: { orderBy: { position: "asc" } },
        arms: { orderBy: { position: "asc" } },
      },
    });
    for (const s of batch) {
      const doses = s.arms
        .map((a) => armCellsPerKg(a, settings.referenceWeightKg))
        .filter((v): v is number => v !== null);
      yield {
        id: s.id,
        disease_code: s.diseaseCode,
        disease: s.disease,
        routes: s.routes.join("; "),
        products: s.products.map((p) => p.rawText).join("; "),
        sources: s.products.map((p) => p.tissue).join("; "),
        donors: s.products.map((p) => p.donor).join("; "),
        co_interventions: [...new Set(s.products.flatMap((p) => p.coInterventions))].join("; "),
        enrollment: s.enrollment,
        doses_as_written: s.arms.map((a) => a.doseText).join("; "),
        arm_sizes: s.arms.map((a) => a.n ?? "").join("; "),
        dose_min_cells_per_kg: doses.length ? Math.min(...doses) : null,
        dose_max_cells_per_kg: doses.length ? Math.max(...doses) : null,
        dose_estimated: s.arms.some((a) => a.basis === "total"),
        registry_id: s.trial?.registryId ?? null,
        registry: s.trial?.registry ?? null,
        reference: s.reference,
        outcome: s.outcome,
        source_table: s.source.name,
        source_line: s.sourceLine,
      };
    }
    if (batch.length < BATCH) return;
    cursor = batch[batch.length - 1]!.id;
  }
}
