"use client";
// A reviewer's own outcome-category tags on a study, the others' (hidden until one has tagged,
// when the team tags blind), and the consensus, which an admin can set or hand back to the
// reviewers' agreement.
import { useActionState } from "react";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { useRefreshOnSuccess } from "@/components/ui/use-refresh";
import type { FormAction } from "@/lib/contracts/action";
import type { CategoryView, TagsView } from "@/lib/contracts/collaboration";

function Chip({ c }: { c: CategoryView }) {
  return (
    <span className="tag-chip">
      <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
      {c.name}
    </span>
  );
}

function Chips({ ids, categories }: { ids: string[]; categories: CategoryView[] }) {
  const chosen = categories.filter((c) => ids.includes(c.id));
  return chosen.length ? (
    <>
      {chosen.map((c) => (
        <Chip key={c.id} c={c} />
      ))}
    </>
  ) : (
    <span className="muted">none of the categories</span>
  );
}

function Checkboxes({
  categories,
  selected,
  legend,
}: {
  categories: CategoryView[];
  selected: string[];
  legend: string;
}) {
  return (
    <fieldset className="filter-group">
      <legend>{legend}</legend>
      {categories.map((c) => (
        <label key={c.id} className="check" title={c.description}>
          <input
            type="checkbox"
            name={`category_${c.id}`}
            value="on"
            defaultChecked={selected.includes(c.id)}
          />{" "}
          <Chip c={c} />
        </label>
      ))}
    </fieldset>
  );
}

export function TagPanel({
  studyId,
  categories,
  tags,
  canTag,
  isAdmin,
  save,
  consensus,
}: {
  studyId: string;
  categories: CategoryView[];
  tags: TagsView;
  canTag: boolean;
  isAdmin: boolean;
  save: FormAction<{ version: number }>;
  consensus: FormAction<{ categories: number }>;
}) {
  const [saved, saveAction] = useActionState(save, null);
  const [settled, consensusAction] = useActionState(consensus, null);
  useRefreshOnSuccess(saved);
  useRefreshOnSuccess(settled);
  const version = tags.mine?.version ?? 0;
  return (
    <div className="stack">
      <p data-testid="consensus">
        <strong>Consensus:</strong>{" "}
        {tags.consensus.hidden ? (
          <span className="muted">there is one; you will see it once you have saved your tags.</span>
        ) : (
          <Chips ids={tags.consensus.categoryIds} categories={categories} />
        )}{" "}
        <span className="muted">
          {tags.consensus.hidden
            ? ""
            : tags.consensus.setBy
              ? `(set by ${tags.consensus.setBy})`
              : tags.consensus.automatic
                ? "(every reviewer who tagged agrees)"
                : "(none yet: set when every reviewer agrees, or by an admin)"}
        </span>
      </p>
      {canTag && (
        <form className="stack" action={saveAction} aria-label="Your tags" key={version}>
          <FormStatus state={saved} />
          <input type="hidden" name="studyId" value={studyId} />
          <input type="hidden" name="version" value={version} />
          <Checkboxes
            categories={categories}
            selected={tags.mine?.categoryIds ?? []}
            legend={tags.mine ? "Your tags" : "Your tags (you have not tagged this study yet)"}
          />
          <div>
            <SubmitButton pendingLabel="Saving…">Save my tags</SubmitButton>
          </div>
        </form>
      )}
      <div data-testid="other-tags">
        <h3>Other reviewers</h3>
        {tags.others === null ? (
          <p className="muted">
            {tags.hiddenOthers} other reviewer{tags.hiddenOthers === 1 ? " has" : "s have"} tagged this study.
            The team tags blind: you will see their tags once you have saved yours.
          </p>
        ) : tags.others.length === 0 ? (
          <p className="muted">No other reviewer has tagged this study.</p>
        ) : (
          <ul>
            {tags.others.map((o) => (
              <li key={o.reviewer}>
                {o.reviewer}: <Chips ids={o.categoryIds} categories={categories} />
              </li>
            ))}
          </ul>
        )}
      </div>
      {isAdmin && (
        <form className="stack" action={consensusAction} aria-label="Set the consensus">
          <FormStatus state={settled} />
          <input type="hidden" name="studyId" value={studyId} />
          {/* Before the buttons: the "follow" button's own value comes later and wins. */}
          <input type="hidden" name="mode" value="set" />
          <Checkboxes
            categories={categories}
            selected={tags.consensus.categoryIds}
            legend="Consensus (admin)"
          />
          <div className="row-actions">
            <SubmitButton pendingLabel="Saving…" className="button secondary">
              Set consensus
            </SubmitButton>
            <button type="submit" name="mode" value="automatic" className="button secondary">
              Follow the reviewers&apos; agreement
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
