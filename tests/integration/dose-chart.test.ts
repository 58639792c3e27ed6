// The dose chart data on the seed table, counted against the table written out by hand, and
// the sampling that keeps the chart readable at scale.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFilter } from "../../lib/domain/filter/filter";
import { db } from "../../lib/server/platform/db";
import {
  MAX_LADDERS,
  MAX_OTHER_POINTS,
  MAX_POINTS,
  WALK_FROM,
  queryDoseChart,
} from "../../lib/server/sql/dose-chart";
import { createPrismaClient } from "../../lib/server/sql/client";
import { cohortSql } from "../../lib/server/sql/filter-sql";
import { Prisma } from "../../lib/generated/prisma/client.ts";
import { doseChart } from "../../lib/server/charts";
import { importSeed } from "../../prisma/seed";
import { synthesise } from "../../scripts/synth";
import { createFreshDatabase, dropDatabase } from "../support/databases";
import { makeUser } from "../support/factories";
import { EXPECTED } from "../support/seed-expected";

const chart = (q: string, groupBy: "disease" | "tissue" | "route" | "donor" = "disease") => {
  const { filter } = parseFilter(new URLSearchParams(q));
  return queryDoseChart(db(), filter, { groupBy });
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
    expect(convertible).toHaveLength(64); // the hand count the dashboard also shows
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
    expect(without.convertible).toBe(64 - 28);
    expect(without.excludedEstimated).toBe(28);
    expect(without.points.some((p) => p.estimated)).toBe(false);
  });

  it("bins each group's arms by quarter decades of dose, for the density behind a sample", async () => {
    for (const query of ["", "route=I.V"]) {
      const d = await chart(query);
      for (const g of d.groups) {
        // By hand: the bin of 2 × 10⁶ is [6.25, 6.5), since log10(2e6) = 6.301.
        const expected = new Map<number, number>();
        for (const p of d.points.filter((p) => p.disease === g.key)) {
          const lo = Math.floor(Math.log10(p.value) * 4) / 4;
          expected.set(lo, (expected.get(lo) ?? 0) + 1);
        }
        expect(g.bins?.reduce((n, b) => n + b.n, 0)).toBe(g.arms);
        expect(new Map(g.bins?.map((b) => [b.lo, b.n]))).toEqual(expected);
      }
    }
  });

  it("groups by cell source from each arm's own product", async () => {
    const d = await chart("", "tissue");
    expect(d.groups.reduce((n, g) => n + g.arms, 0)).toBe(64);
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

  it("carries the spread each study reports: ranges and mean ± SD as whiskers, lower bounds marked", async () => {
    const d = await chart("weight=60");
    const kinds = d.points.map((p) => p.spread?.kind ?? "none");
    // The seed's dose cells: 3 ranges per kg and 3 in total cells, 3 means ± SD in total cells.
    expect(kinds.filter((k) => k === "range")).toHaveLength(6);
    expect(kinds.filter((k) => k === "sd")).toHaveLength(3);
    for (const p of d.points.filter((x) => x.spread)) {
      expect(p.spread!.low).toBeLessThan(p.value);
      expect(p.spread!.high).toBeGreaterThan(p.value);
    }
    const range = d.points.find((p) => p.doseText === "2.1–3.6 × 106/kg")!;
    expect(range.spread).toEqual({ kind: "range", low: 2.1e6, high: 3.6e6 });
    expect(range.value).toBeCloseTo(2.85e6, 0);
    // Total cells through the reference weight, like the value.
    const sd = d.points.find((p) => p.doseText === "110 ± 23.1 × 106/cells")!;
    expect(sd.estimated).toBe(true);
    expect(sd.value).toBeCloseTo(110e6 / 60, 3);
    expect(sd.spread!.kind).toBe("sd");
    expect(sd.spread!.low).toBeCloseTo(((110 - 23.1) * 1e6) / 60, 3);
    expect(sd.spread!.high).toBeCloseTo(((110 + 23.1) * 1e6) / 60, 3);
    const atLeast = d.points.filter((p) => p.atLeast);
    expect(atLeast.map((p) => [p.doseText, p.value, p.spread])).toEqual([["≥ 1 × 106/kg", 1e6, undefined]]);
  });

  it("gives each arm its own n, with the study's enrollment beside it", async () => {
    const d = await chart("");
    const studies = new Map(
      (await db().study.findMany({ select: { id: true, enrollment: true } })).map((st) => [
        st.id,
        st.enrollment,
      ]),
    );
    const armN = new Map(
      (await db().doseArm.findMany({ select: { id: true, n: true } })).map((a) => [a.id, a.n]),
    );
    for (const p of [...d.points, ...d.otherPoints]) {
      expect(p.n).toBe(armN.get(p.armId));
      expect(p.enrollment).toBe(studies.get(p.studyId));
    }
    // The seed gives counts per arm for some arms only: both kinds are drawn.
    expect(d.points.some((p) => p.n === null && p.enrollment !== null)).toBe(true);
    expect(d.points.some((p) => p.n !== null)).toBe(true);
  });

  it("shows a study with several outcome categories under the filter's, else under its first", async () => {
    const study = (await chart("")).points[0]!.studyId;
    const [first, second] = await Promise.all(
      ["Chart test first", "Chart test second"].map((name, i) =>
        db().outcomeCategory.create({ data: { name, colour: i ? "#654321" : "#123456", position: 900 + i } }),
      ),
    );
    await db().consensusTag.createMany({
      data: [first!, second!].map((c) => ({ studyId: study, categoryId: c.id })),
    });
    try {
      const categoryOf = async (q: string) =>
        new Set((await chart(q)).points.filter((p) => p.studyId === study).map((p) => p.category));
      expect(await categoryOf("")).toEqual(new Set(["Chart test first"]));
      expect(await categoryOf(`category=${second!.id}`)).toEqual(new Set(["Chart test second"]));
      expect(await categoryOf(`category=${first!.id}&category=${second!.id}`)).toEqual(
        new Set(["Chart test first"]),
      );
    } finally {
      await db().outcomeCategory.deleteMany({ where: { id: { in: [first!.id, second!.id] } } });
    }
  });

  it("is refused without a session", async () => {
    const { filter } = parseFilter({});
    await expect(doseChart(null, filter, { groupBy: "disease" })).rejects.toThrow();
    const viewer = await makeUser(db(), "viewer");
    await expect(doseChart(viewer, filter, { groupBy: "disease" })).resolves.toMatchObject({
      convertible: 64,
    });
  });
});

describe("dose chart at scale", () => {
  const name = `evidence_test_chart_${process.pid}`;
  let big: ReturnType<typeof createPrismaClient>;
  // Drawn arms in the whole table: a "walk" case must select fewer, so that the walk's lookup of
  // each arm's study in the selection is put to the test.
  const countDrawn = async (estimated: boolean) => {
    const [row] = await big.$queryRaw<{ n: number }[]>`
      SELECT COUNT(*)::int AS n FROM dose_arms
       WHERE dose_mid IS NOT NULL AND (basis = 'per_kg' OR (basis = 'total' AND ${estimated}))`;
    return row!.n;
  };
  beforeAll(async () => {
    big = createPrismaClient(await createFreshDatabase(name), 4);
    await synthesise(big, 3200);
    // Synthetic studies give each study one basis; mix them, as real tables do. In 150 studies with
    // two per kg arms or more, the first becomes its total-cell equivalent at 70 kg; in 50 studies
    // with exactly two, the second becomes the first's at 70 kg (one dose at 70 kg, two at others);
    // and 60 per kg arms lose their dose. The triggers keep the studies' dose lists.
    await big.$executeRaw`
      UPDATE dose_arms SET basis = 'total', dose_mid = dose_mid * 70
       WHERE position = 0 AND study_id IN (
         SELECT study_id FROM dose_arms WHERE basis = 'per_kg' GROUP BY study_id HAVING COUNT(*) >= 3
          ORDER BY study_id LIMIT 150)`;
    await big.$executeRaw`
      UPDATE dose_arms a SET basis = 'total', dose_mid = b.dose_mid * 70
        FROM dose_arms b
       WHERE a.position = 1 AND b.study_id = a.study_id AND b.position = 0 AND a.study_id IN (
         SELECT study_id FROM dose_arms GROUP BY study_id
         HAVING COUNT(*) = 2 AND bool_and(basis = 'per_kg' AND dose_mid IS NOT NULL) ORDER BY study_id LIMIT 50)`;
    await big.$executeRaw`
      UPDATE dose_arms SET dose_mid = NULL
       WHERE id IN (SELECT id FROM dose_arms WHERE basis = 'per_kg' AND position = 0 ORDER BY id DESC LIMIT 60)`;
  });
  afterAll(async () => {
    await big.$disconnect();
    await dropDatabase(name);
  });

  it("draws an even sample when there are more arms than can be told apart, with group numbers from all", async () => {
    const { filter } = parseFilter({});
    const d = await queryDoseChart(big, filter, { groupBy: "disease" });
    expect(d.convertible).toBeGreaterThan(MAX_POINTS);
    expect(d.sampled).toBe(true);
    expect(d.points).toHaveLength(MAX_POINTS);
    expect(d.groups.reduce((n, g) => n + g.arms, 0)).toBe(d.convertible);
    const [row] = await big.$queryRaw<{ n: number }[]>`
      SELECT COUNT(*)::int AS n FROM dose_arms WHERE basis IN ('per_kg', 'total') AND dose_mid IS NOT NULL`;
    expect(d.convertible).toBe(row!.n);
    // The same sample every time, so a shared link draws the same chart.
    const again = await queryDoseChart(big, filter, { groupBy: "disease" });
    expect(again.points.map((p) => p.armId)).toEqual(d.points.map((p) => p.armId));
  });

  // The chart reads the studies' dose lists for ladders (and, with a filter, for group medians),
  // and with a filter samples by walking the arms or by reading them study by study, depending on
  // how many are drawn. Each way must give what a plain pass over the selected arms gives.
  it.each([
    ["", "no filter"],
    ["weight=50", "no filter"],
    ["nMin=4&estimated=exclude&weight=50", "walk"],
    ["nMin=15", "walk"],
    ["nMin=15&weight=50", "walk"],
    ["disease=SLE&weight=90", "by study"],
    ["disease=SLE&estimated=exclude", "by study"],
    ["registered=yes&route=I.T", "by study"],
  ])("with the filter %j (sample: %s), matches a plain pass over the selected arms", async (q, way) => {
    const { filter } = parseFilter(new URLSearchParams(q));
    const w = filter.referenceWeightKg;
    const arms = await big.$queryRaw<
      {
        id: string;
        studyId: string;
        disease: string;
        route: string;
        basis: string;
        doseMid: number | null;
        ckg: number | null;
      }[]
    >(Prisma.sql`
      SELECT a.id, a.study_id AS "studyId", s.disease_code AS disease,
             COALESCE(NULLIF(array_to_string(s.routes, ' + '), ''), 'Not stated') AS route,
             a.basis::text AS basis, a.dose_mid AS "doseMid",
             CASE WHEN a.basis = 'per_kg' THEN a.dose_mid WHEN a.basis = 'total' AND ${filter.includeEstimated}
                  THEN a.dose_mid / ${w}::float8 END AS ckg
        FROM dose_arms a JOIN studies s ON s.id = a.study_id WHERE ${cohortSql(filter)}
       ORDER BY a.id`);
    const drawn = arms.filter((a) => a.ckg !== null);
    if (way !== "no filter") expect(drawn.length >= WALK_FROM ? "walk" : "by study").toBe(way);
    const d = await queryDoseChart(big, filter, { groupBy: "disease" });
    if (way === "walk") expect(drawn.length).toBeLessThan(await countDrawn(filter.includeEstimated));

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

    // Each disease's and each route's arms and quartiles, from every drawn arm, lowest median first.
    const byRoute = await queryDoseChart(big, filter, { groupBy: "route" });
    for (const [chart, key] of [
      [d, (a: (typeof drawn)[number]) => a.disease],
      [byRoute, (a: (typeof drawn)[number]) => a.route],
    ] as const) {
      const groups = new Map<string, number[]>();
      for (const a of drawn) groups.set(key(a), [...(groups.get(key(a)) ?? []), a.ckg!]);
      const expected = [...groups].map(([k, v]) => {
        v.sort((x, y) => x - y);
        const at = (p: number) => {
          const i = (v.length - 1) * p;
          return v[Math.floor(i)]! + (v[Math.ceil(i)]! - v[Math.floor(i)]!) * (i - Math.floor(i));
        };
        return { key: k, arms: v.length, q1: at(0.25), median: at(0.5), q3: at(0.75) };
      });
      expected.sort((x, y) => x.median - y.median || (x.key < y.key ? -1 : 1));
      expect(chart.groups.map((g) => [g.key, g.arms])).toEqual(expected.map((g) => [g.key, g.arms]));
      chart.groups.forEach((g, i) => {
        expect(g.q1).toBeCloseTo(expected[i]!.q1, 6);
        expect(g.median).toBeCloseTo(expected[i]!.median, 6);
        expect(g.q3).toBeCloseTo(expected[i]!.q3, 6);
      });
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
    for (const l of d.ladders)
      expect(l.arms.map((a) => a.armId).sort()).toEqual(
        drawn.filter((a) => a.studyId === l.studyId).map((a) => a.id),
      );
  });
});
