// The dose chart data on the seed table, counted against the table written out by hand, and
// the sampling that keeps the chart readable at scale.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFilter } from "../../lib/domain/cohort-filter";
import { db } from "../../lib/server/db";
import {
  MAX_LADDERS,
  MAX_OTHER_POINTS,
  MAX_POINTS,
  WALK_FROM,
  queryDoseChart,
} from "../../lib/server/dose-chart";
import { createPrismaClient } from "../../lib/server/prisma-client";
import { cohortSql } from "../../lib/server/study-query";
import { Prisma } from "../../lib/generated/prisma/client.ts";
import { doseChart } from "../../lib/server/studies";
import { importSeed } from "../../prisma/seed";
import { synthesise } from "../../scripts/synth";
import { createFreshDatabase, dropDatabase } from "../support/databases";
import { makeUser } from "../support/factories";
import { EXPECTED } from "../support/seed-expected";

const chart = (q: string, groupBy: "disease" | "tissue" | "route" | "donor" = "disease") => {
  const { filter, settings } = parseFilter(new URLSearchParams(q));
  return queryDoseChart(db(), filter, settings, { groupBy });
};

// Arms of the hand-written table by how the chart treats them.
const arms = EXPECTED.flatMap(([, disease, , , , list]) =>
  list.map((a) => ({ disease, basis: a[2], low: a[3] })),
);
const convertible = arms.filter((a) => (a.basis === "per_kg" || a.basis === "total") && a.low !== null);
const count = (basis: string) => arms.filter((a) => a.basis === basis).length;

beforeAll(async () => {
  await db().evidenceSource.deleteMany();
  await db().registeredTrial.deleteMany();
  await importSeed(db());
});
afterAll(() => db().$disconnect());

describe("dose chart on the seed table", () => {
  it("draws every convertible arm, with estimated ones marked and the rest counted apart", async () => {
    const d = await chart("");
    expect(convertible).toHaveLength(66); // the hand count the dashboard also shows
    expect(d.convertible).toBe(convertible.length);
    expect(d.points).toHaveLength(convertible.length);
    expect(d.sampled).toBe(false);
    expect(d.estimated).toBe(count("total"));
    expect(d.points.filter((p) => p.estimated)).toHaveLength(28);
    expect(d.points.every((p) => p.estimated === (p.basis === "total"))).toBe(true);
    expect(d.points.every((p) => p.basis === "per_kg" || p.basis === "total")).toBe(true);
    // Per joint and per ml doses are never on the cells/kg axis.
    expect([d.perJoint, d.perMl]).toEqual([count("per_joint"), count("per_ml")]);
    expect([d.perJoint, d.perMl]).toEqual([1, 2]);
    expect(d.otherPoints.map((p) => p.basis).sort()).toEqual(["per_joint", "per_ml", "per_ml"]);
    expect(d.unknown).toBe(count("unknown"));
    expect(d.convertible + d.perJoint + d.perMl + d.unknown).toBe(arms.length);
  });

  it("groups add up to the arms drawn, per disease as in the table", async () => {
    const d = await chart("");
    const byDisease: Record<string, number> = {};
    for (const a of convertible) byDisease[a.disease] = (byDisease[a.disease] ?? 0) + 1;
    expect(Object.fromEntries(d.groups.map((g) => [g.key, g.arms]))).toEqual(byDisease);
    for (const g of d.groups) {
      const values = d.points
        .filter((p) => p.disease === g.key)
        .map((p) => p.value)
        .sort((a, b) => a - b);
      const mid = values.length / 2;
      const median = values.length % 2 ? values[Math.floor(mid)]! : (values[mid - 1]! + values[mid]!) / 2;
      expect(g.median).toBeCloseTo(median, 6);
      expect(g.q1).toBeLessThanOrEqual(g.median);
      expect(g.q3).toBeGreaterThanOrEqual(g.median);
    }
  });

  it.each(["disease", "tissue", "route", "donor"] as const)(
    "groups by %s hold exactly the arms drawn with that attribute, whole table and filtered",
    async (groupBy) => {
      for (const q of ["", "registered=yes", "doseMin=1e6&doseMax=5e6"]) {
        const d = await chart(q, groupBy);
        expect(d.sampled).toBe(false);
        const counted: Record<string, number> = {};
        for (const p of d.points) counted[p[groupBy]] = (counted[p[groupBy]] ?? 0) + 1;
        expect(Object.fromEntries(d.groups.map((g) => [g.key, g.arms]))).toEqual(counted);
      }
    },
  );

  it("converts total doses with the reference weight, and can leave them out", async () => {
    const at70 = await chart("");
    const at60 = await chart("weight=60");
    const value = (d: typeof at70, id: string) => d.points.find((p) => p.armId === id)!.value;
    const estimated = at70.points.find((p) => p.estimated)!;
    expect(value(at60, estimated.armId) / value(at70, estimated.armId)).toBeCloseTo(70 / 60, 10);
    const perKg = at70.points.find((p) => !p.estimated)!;
    expect(value(at60, perKg.armId)).toBe(value(at70, perKg.armId));

    const without = await chart("estimated=exclude");
    expect(without.convertible).toBe(66 - 28);
    expect(without.excludedEstimated).toBe(28);
    expect(without.points.some((p) => p.estimated)).toBe(false);
  });

  it("groups by cell source from each arm's own product", async () => {
    const d = await chart("", "tissue");
    expect(d.groups.reduce((n, g) => n + g.arms, 0)).toBe(66);
    for (const g of d.groups) expect(d.points.filter((p) => p.tissue === g.key)).toHaveLength(g.arms);
  });

  it("joins the arms of multi-dose studies into ladders, lowest dose first", async () => {
    const d = await chart("");
    expect(d.ladders.length).toBe(d.ladderStudies);
    expect(d.ladders.length).toBeGreaterThan(0);
    for (const l of d.ladders) {
      expect(l.arms.length).toBeGreaterThanOrEqual(2);
      expect(new Set(l.arms.map((a) => a.studyId))).toEqual(new Set([l.studyId]));
      const values = l.arms.map((a) => a.value);
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(new Set(values).size).toBeGreaterThanOrEqual(2);
    }
    // Seed studies with two or more distinct doses in cells/kg, from the hand-written table.
    const expected = EXPECTED.filter(([, , , , , list]) => {
      const doses = list.filter((a) => (a[2] === "per_kg" || a[2] === "total") && a[3] !== null);
      return new Set(doses.map((a) => `${a[2]}:${a[3]}:${a[4]}`)).size >= 2;
    }).length;
    expect(d.ladderStudies).toBe(expected);
  });

  it("follows the filter", async () => {
    const sle = await chart("disease=SLE");
    expect(sle.points.every((p) => p.disease === "SLE")).toBe(true);
    expect(sle.convertible).toBe(convertible.filter((a) => a.disease === "SLE").length);
  });

  it("is refused without a session", async () => {
    const { filter, settings } = parseFilter({});
    await expect(doseChart(null, filter, settings, { groupBy: "disease" })).rejects.toThrow();
    const viewer = await makeUser(db(), "viewer");
    await expect(doseChart(viewer, filter, settings, { groupBy: "disease" })).resolves.toMatchObject({
      convertible: 66,
    });
  });
});

describe("dose chart at scale", () => {
  const name = `evidence_test_chart_${process.pid}`;
  let big: ReturnType<typeof createPrismaClient>;
  beforeAll(async () => {
    big = createPrismaClient(await createFreshDatabase(name), 4);
    await synthesise(big, 3200);
  });
  afterAll(async () => {
    await big.$disconnect();
    await dropDatabase(name);
  });

  it("draws an even sample when there are more arms than can be told apart, with group numbers from all", async () => {
    const { filter, settings } = parseFilter({});
    const d = await queryDoseChart(big, filter, settings, { groupBy: "disease" });
    expect(d.convertible).toBeGreaterThan(MAX_POINTS);
    expect(d.sampled).toBe(true);
    expect(d.points).toHaveLength(MAX_POINTS);
    expect(d.groups.reduce((n, g) => n + g.arms, 0)).toBe(d.convertible);
    const [row] = await big.$queryRaw<{ n: number }[]>`
      SELECT COUNT(*)::int AS n FROM dose_arms WHERE basis IN ('per_kg', 'total') AND dose_mid IS NOT NULL`;
    expect(d.convertible).toBe(row!.n);
    // The same sample every time, so a shared link draws the same chart.
    const again = await queryDoseChart(big, filter, settings, { groupBy: "disease" });
    expect(again.points.map((p) => p.armId)).toEqual(d.points.map((p) => p.armId));
  });

  // The chart reads the studies' dose lists for ladders (and, with a filter, for group medians),
  // and with a filter samples by walking the arms or by reading them study by study, depending on
  // how many are drawn. Each way must give what a plain pass over the selected arms gives.
  it.each([
    ["", "no filter"],
    ["estimated=exclude&weight=90", "no filter"],
    ["nMin=1", "walk"],
    ["nMin=1&estimated=exclude&weight=50", "walk"],
    ["disease=SLE", "by study"],
    ["registered=yes&route=I.T", "by study"],
  ])("with the filter %s (sample: %s), matches a plain pass over the selected arms", async (q, way) => {
    const { filter, settings } = parseFilter(new URLSearchParams(q));
    const w = settings.referenceWeightKg;
    const arms = await big.$queryRaw<
      {
        id: string;
        studyId: string;
        disease: string;
        basis: string;
        doseMid: number | null;
        ckg: number | null;
      }[]
    >(Prisma.sql`
      SELECT a.id, a.study_id AS "studyId", s.disease_code AS disease, a.basis::text AS basis, a.dose_mid AS "doseMid",
             CASE WHEN a.basis = 'per_kg' THEN a.dose_mid WHEN a.basis = 'total' AND ${filter.includeEstimated}
                  THEN a.dose_mid / ${w}::float8 END AS ckg
        FROM dose_arms a JOIN studies s ON s.id = a.study_id WHERE ${cohortSql(filter, settings)}
       ORDER BY a.id`);
    const drawn = arms.filter((a) => a.ckg !== null);
    if (way !== "no filter") expect(drawn.length >= WALK_FROM ? "walk" : "by study").toBe(way);
    const d = await queryDoseChart(big, filter, settings, { groupBy: "disease" });

    expect(d.convertible).toBe(drawn.length);
    expect(d.points.map((p) => p.armId)).toEqual(drawn.slice(0, MAX_POINTS).map((a) => a.id));
    expect(d.sampled).toBe(drawn.length > MAX_POINTS);
    const other = arms.filter((a) => (a.basis === "per_joint" || a.basis === "per_ml") && a.doseMid !== null);
    expect(d.otherPoints.map((p) => p.armId)).toEqual(other.slice(0, MAX_OTHER_POINTS).map((a) => a.id));
    expect([d.perJoint, d.perMl]).toEqual([
      other.filter((a) => a.basis === "per_joint").length,
      other.filter((a) => a.basis === "per_ml").length,
    ]);
    expect(d.unknown).toBe(arms.filter((a) => a.basis === "unknown" || a.doseMid === null).length);
    const total = arms.filter((a) => a.basis === "total" && a.doseMid !== null).length;
    expect([d.estimated, d.excludedEstimated]).toEqual(filter.includeEstimated ? [total, 0] : [0, total]);

    // Each disease's arms and median, from every drawn arm.
    const byDisease = new Map<string, number[]>();
    for (const a of drawn) byDisease.set(a.disease, [...(byDisease.get(a.disease) ?? []), a.ckg!]);
    expect(new Map(d.groups.map((g) => [g.key, g.arms]))).toEqual(
      new Map([...byDisease].map(([k, v]) => [k, v.length])),
    );
    for (const g of d.groups) {
      const v = byDisease.get(g.key)!.sort((x, y) => x - y);
      const at = (p: number) => {
        const i = (v.length - 1) * p;
        return v[Math.floor(i)]! + (v[Math.ceil(i)]! - v[Math.floor(i)]!) * (i - Math.floor(i));
      };
      expect(g.median).toBeCloseTo(at(0.5), 6);
      expect(g.q1).toBeCloseTo(at(0.25), 6);
    }

    // Ladders: the studies with two or more different drawn doses, most arms first.
    const perStudy = new Map<string, number[]>();
    for (const a of drawn) perStudy.set(a.studyId, [...(perStudy.get(a.studyId) ?? []), a.ckg!]);
    const ladders = [...perStudy].filter(([, v]) => Math.min(...v) < Math.max(...v));
    expect(d.ladderStudies).toBe(ladders.length);
    const top = ladders
      .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1))
      .slice(0, MAX_LADDERS);
    expect(new Set(d.ladders.map((l) => l.studyId))).toEqual(new Set(top.map(([id]) => id)));
    for (const l of d.ladders) expect(l.arms).toHaveLength(perStudy.get(l.studyId)!.length);
  });
});
