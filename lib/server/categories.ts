// Outcome categories (admins manage them) and team settings. Renaming keeps every tag; merging
// moves the tags of one category onto another in one transaction. All audited.
import "server-only";
import { audit } from "./sql/audit";
import { versionedCache } from "./sql/data-version";
import { db } from "./platform/db";
import { AppError } from "./platform/errors";
import type { Db, Tx } from "./sql/client";
import { assertRole, type SessionUser } from "./platform/session-user";

/** The team's outcome categories in their order, with how often each is used. */
function readCategories() {
  return db().outcomeCategory.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      colour: true,
      description: true,
      position: true,
      version: true,
      _count: { select: { tags: true, consensusTags: true } },
    },
  });
}
const categoryLists = versionedCache<Awaited<ReturnType<typeof readCategories>>>();

/** The categories, cached while the data stay the same (categories and tags move the data
 * version on). */
export async function listCategories(actor: SessionUser | null) {
  assertRole(actor, "viewer");
  return categoryLists(db(), "all", readCategories);
}

const uniqueName = (e: unknown) =>
  e instanceof Error && "code" in e && (e as { code: string }).code === "P2002"
    ? new AppError("invalid", "Another category already has this name.")
    : e;

export async function createCategory(
  actor: SessionUser | null,
  input: { name: string; colour: string; description: string },
) {
  const user = assertRole(actor, "admin", "manage outcome categories");
  try {
    return await db().$transaction(async (tx) => {
      const last = await tx.outcomeCategory.aggregate({ _max: { position: true } });
      const c = await tx.outcomeCategory.create({
        data: { ...input, position: (last._max.position ?? 0) + 1 },
      });
      await audit(tx, {
        actorId: user.id,
        action: "category.create",
        entityType: "category",
        entityId: c.id,
        after: { name: c.name, colour: c.colour, description: c.description, position: c.position },
      });
      return { id: c.id };
    });
  } catch (e) {
    throw uniqueName(e);
  }
}

export async function updateCategory(
  actor: SessionUser | null,
  input: { id: string; version: number; name: string; colour: string; description: string; position: number },
) {
  const user = assertRole(actor, "admin", "manage outcome categories");
  try {
    return await db().$transaction(async (tx) => {
      const before = await tx.outcomeCategory.findUnique({ where: { id: input.id } });
      if (!before) throw new AppError("not_found", "This category no longer exists.");
      const { count } = await tx.outcomeCategory.updateMany({
        where: { id: input.id, version: input.version },
        data: {
          name: input.name,
          colour: input.colour,
          description: input.description,
          position: input.position,
          version: { increment: 1 },
        },
      });
      if (count !== 1) {
        throw new AppError(
          "conflict",
          `This category was changed after you opened it: it is now “${before.name}” (${before.colour}). Nothing was saved; reload and apply your change again.`,
        );
      }
      const after = await tx.outcomeCategory.findUniqueOrThrow({ where: { id: input.id } });
      const pick = (c: typeof after) => ({
        name: c.name,
        colour: c.colour,
        description: c.description,
        position: c.position,
      });
      await audit(tx, {
        actorId: user.id,
        action: "category.update",
        entityType: "category",
        entityId: input.id,
        before: pick(before),
        after: pick(after),
      });
      return { version: after.version };
    });
  } catch (e) {
    throw uniqueName(e);
  }
}

/** Moves every tag and consensus tag of `sourceId` onto `targetId`, then deletes the source. */
export async function mergeCategories(
  actor: SessionUser | null,
  input: { sourceId: string; targetId: string },
) {
  const user = assertRole(actor, "admin", "manage outcome categories");
  if (input.sourceId === input.targetId) throw new AppError("invalid", "Choose two different categories.");
  return db().$transaction(async (tx) => {
    const [source, target] = await Promise.all([
      tx.outcomeCategory.findUnique({ where: { id: input.sourceId } }),
      tx.outcomeCategory.findUnique({ where: { id: input.targetId } }),
    ]);
    if (!source || !target) throw new AppError("not_found", "One of these categories no longer exists.");
    const tags = await tx.$executeRaw`
      INSERT INTO tags (assessment_id, category_id)
      SELECT assessment_id, ${target.id}::uuid FROM tags WHERE category_id = ${source.id}::uuid
      ON CONFLICT DO NOTHING`;
    const consensus = await tx.$executeRaw`
      INSERT INTO consensus_tags (study_id, category_id, set_by_id, set_at)
      SELECT study_id, ${target.id}::uuid, set_by_id, set_at FROM consensus_tags WHERE category_id = ${source.id}::uuid
      ON CONFLICT DO NOTHING`;
    // Saved cohorts that filter on the merged category now filter on the one it went into.
    const cohorts = await tx.$executeRaw`
      UPDATE cohorts
         SET filter = jsonb_set(filter, '{query}', to_jsonb(replace(filter->>'query', ${source.id}, ${target.id}))),
             version = version + 1, updated_at = now()
       WHERE filter->>'query' LIKE ${`%${source.id}%`}`;
    await tx.outcomeCategory.delete({ where: { id: source.id } });
    await audit(tx, {
      actorId: user.id,
      action: "category.merge",
      entityType: "category",
      entityId: target.id,
      before: {
        merged: {
          id: source.id,
          name: source.name,
          colour: source.colour,
          description: source.description,
          position: source.position,
        },
      },
      after: {
        into: { id: target.id, name: target.name },
        tagsMoved: tags,
        consensusMoved: consensus,
        cohortsUpdated: cohorts,
      },
    });
    return { into: target.name };
  });
}

// Team settings ----------------------------------------------------------------------------------

export interface TeamSettings {
  /** Reviewers see others' tags on a study only after tagging it themselves. */
  blindTagging: boolean;
}
const DEFAULTS: TeamSettings = { blindTagging: true };

const settingsCache = versionedCache<TeamSettings>();

/** The team's settings; outside a transaction, cached while the data stay the same (a change of
 * settings moves the version on). */
export async function teamSettings(client?: Db | Tx): Promise<TeamSettings> {
  if (!client) return settingsCache(db(), "team", () => readSettings(db()));
  return readSettings(client);
}

async function readSettings(client: Db | Tx): Promise<TeamSettings> {
  const rows = await client.teamSetting.findMany();
  const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return {
    blindTagging: typeof stored.blindTagging === "boolean" ? stored.blindTagging : DEFAULTS.blindTagging,
  };
}

export async function setBlindTagging(actor: SessionUser | null, input: { blindTagging: boolean }) {
  const user = assertRole(actor, "admin", "change team settings");
  return db().$transaction(async (tx) => {
    const before = await teamSettings(tx);
    await tx.teamSetting.upsert({
      where: { key: "blindTagging" },
      create: { key: "blindTagging", value: input.blindTagging, updatedById: user.id },
      update: { value: input.blindTagging, updatedById: user.id, version: { increment: 1 } },
    });
    await audit(tx, {
      actorId: user.id,
      action: "settings.update",
      entityType: "settings",
      entityId: "blindTagging",
      before: { blindTagging: before.blindTagging },
      after: { blindTagging: input.blindTagging },
    });
    return input;
  });
}
