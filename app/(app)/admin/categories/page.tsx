import type { Metadata } from "next";
import {
  BlindTaggingForm,
  CreateCategoryForm,
  EditCategoryForm,
  MergeCategoriesForm,
  type CategoryRow,
} from "@/components/admin/category-forms";
import { listCategories, teamSettings } from "@/lib/server/categories";
import { requirePageUser } from "@/lib/server/platform/session";
import {
  createCategoryAction,
  mergeCategoriesAction,
  setBlindTaggingAction,
  updateCategoryAction,
} from "./actions";

export const metadata: Metadata = { title: "Outcome categories" };

export default async function CategoriesPage() {
  const user = await requirePageUser("admin", "/admin/categories");
  const [categories, settings] = await Promise.all([listCategories(user), teamSettings()]);
  const rows: CategoryRow[] = categories.map((c) => ({
    id: c.id,
    name: c.name,
    colour: c.colour,
    description: c.description,
    position: c.position,
    version: c.version,
    tags: c._count.tags,
    consensus: c._count.consensusTags,
  }));
  return (
    <>
      <h1>Outcome categories</h1>
      <p className="lead">
        The categories reviewers tag studies with. Renaming or recolouring keeps every tag; merging moves one
        category&apos;s tags onto another.
      </p>
      <section className="card" aria-labelledby="list-title">
        <h2 id="list-title">Categories, in order</h2>
        <div className="stack">
          {rows.map((c) => (
            <EditCategoryForm key={c.id} category={c} action={updateCategoryAction} />
          ))}
        </div>
      </section>
      <section className="card" aria-labelledby="new-title">
        <h2 id="new-title">New category</h2>
        <CreateCategoryForm action={createCategoryAction} />
      </section>
      {rows.length >= 2 && (
        <section className="card" aria-labelledby="merge-title">
          <h2 id="merge-title">Merge two categories</h2>
          <MergeCategoriesForm categories={rows} action={mergeCategoriesAction} />
        </section>
      )}
      <section className="card" aria-labelledby="blind-title">
        <h2 id="blind-title">Tagging</h2>
        <BlindTaggingForm blind={settings.blindTagging} action={setBlindTaggingAction} />
      </section>
    </>
  );
}
