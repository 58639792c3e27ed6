"use client";
// Admin forms for outcome categories: create, edit (rename, colour, description, order), merge,
// and the team's blind-tagging setting.
import { useActionState } from "react";
import { fieldErrors, FormStatus, typed } from "@/components/ui/form-status";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";

export interface CategoryRow {
  id: string;
  name: string;
  colour: string;
  description: string;
  position: number;
  version: number;
  tags: number;
  consensus: number;
}

export function CreateCategoryForm({ action }: { action: FormAction<{ id: string }> }) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  return (
    <form className="stack" action={formAction} aria-label="New category">
      <FormStatus state={state} />
      <div className="field-grid">
        <Field
          name="name"
          label="Name"
          required
          maxLength={60}
          defaultValue={typed(state, "name")}
          errors={fieldErrors(state, "name")}
        />
        <Field
          name="colour"
          label="Colour"
          type="color"
          defaultValue={typed(state, "colour") ?? "#56B4E9"}
          errors={fieldErrors(state, "colour")}
        />
        <Field
          name="description"
          label="Description"
          maxLength={500}
          defaultValue={typed(state, "description")}
        />
      </div>
      <div>
        <SubmitButton pendingLabel="Creating…">Create category</SubmitButton>
      </div>
    </form>
  );
}

export function EditCategoryForm({
  category,
  action,
}: {
  category: CategoryRow;
  action: FormAction<{ version: number }>;
}) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  const id = (n: string) => `${n}-${category.id}`;
  return (
    <form
      className="category-row"
      action={formAction}
      key={category.version}
      aria-label={`Category ${category.name}`}
    >
      <input type="hidden" name="id" value={category.id} />
      <input type="hidden" name="version" value={category.version} />
      <label className="visually-hidden" htmlFor={id("position")}>
        Order of {category.name}
      </label>
      <input
        id={id("position")}
        name="position"
        inputMode="numeric"
        size={3}
        defaultValue={typed(state, "position") ?? category.position}
      />
      <label className="visually-hidden" htmlFor={id("colour")}>
        Colour of {category.name}
      </label>
      <input
        id={id("colour")}
        name="colour"
        type="color"
        defaultValue={typed(state, "colour") ?? category.colour}
      />
      <label className="visually-hidden" htmlFor={id("name")}>
        Name of {category.name}
      </label>
      <input
        id={id("name")}
        name="name"
        required
        maxLength={60}
        defaultValue={typed(state, "name") ?? category.name}
      />
      <label className="visually-hidden" htmlFor={id("description")}>
        Description of {category.name}
      </label>
      <input
        id={id("description")}
        name="description"
        maxLength={500}
        size={40}
        defaultValue={typed(state, "description") ?? category.description}
      />
      <span className="muted">
        {category.tags} tags, {category.consensus} consensus
      </span>
      <SubmitButton pendingLabel="Saving…" className="button secondary">
        Save
      </SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

export function MergeCategoriesForm({
  categories,
  action,
}: {
  categories: CategoryRow[];
  action: FormAction<{ into: string }>;
}) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  return (
    <form className="stack" action={formAction} aria-label="Merge categories">
      <FormStatus state={state} />
      <div className="field-grid">
        <div className="field">
          <label htmlFor="merge-source">Merge this category</label>
          <select id="merge-source" name="sourceId" required defaultValue="">
            <option value="" disabled>
              Choose…
            </option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="merge-target">into this one (it keeps its name)</label>
          <select id="merge-target" name="targetId" required defaultValue="">
            <option value="" disabled>
              Choose…
            </option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div>
        <SubmitButton pendingLabel="Merging…" className="button danger">
          Merge, keeping every tag
        </SubmitButton>
      </div>
    </form>
  );
}

export function BlindTaggingForm({
  blind,
  action,
}: {
  blind: boolean;
  action: FormAction<{ blindTagging: boolean }>;
}) {
  const [state, formAction] = useActionState(action, null);
  useRefreshOnSuccess(state);
  return (
    <form className="stack" action={formAction} aria-label="Blind tagging" key={String(blind)}>
      <FormStatus state={state} />
      <label className="check">
        <input type="checkbox" name="blindTagging" value="on" defaultChecked={blind} /> Reviewers tag blind:
        they see the others&apos; tags on a study only after saving their own
      </label>
      <div>
        <SubmitButton pendingLabel="Saving…" className="button secondary">
          Save setting
        </SubmitButton>
      </div>
    </form>
  );
}
