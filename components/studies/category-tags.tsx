// Outcome categories as coloured tags (the team's colours).
import type { CategoryChip } from "@/lib/contracts/studies";

export function CategoryTags({ categories }: { categories: readonly CategoryChip[] }) {
  return (
    <>
      {categories.map((c) => (
        <span key={c.name} className="tag" style={{ background: c.colour }}>
          {c.name}
        </span>
      ))}
    </>
  );
}
