// A study's history: every change with who made it, when, and what changed. While the team tags
// blind, the others' tag changes are listed without their content; so are the others'
// risk-of-bias changes while this person has an outcome left to submit.
import type { HistoryEvent } from "@/lib/contracts/collaboration";
import { describeAction, describeChanges } from "@/lib/domain/audit-text";
import { fmtUtcMinute } from "@/lib/domain/format";
import { Section } from "./section";

export function StudyHistory({
  events,
  me,
  hideOthersTags,
  hideOthersRob = false,
}: {
  events: HistoryEvent[];
  me: string;
  hideOthersTags: boolean;
  hideOthersRob?: boolean;
}) {
  return (
    <Section id="history" title="History">
      {events.length === 0 ? (
        <p className="muted">No change since the import.</p>
      ) : (
        <ol className="history">
          {events.map((e) => {
            const hidden =
              e.actorId !== me &&
              ((hideOthersTags && e.action.startsWith("tags.")) ||
                (hideOthersRob && e.action.startsWith("rob.")));
            const changes = hidden ? [] : describeChanges(e.before, e.after);
            return (
              <li key={e.id}>
                <span className="muted">{fmtUtcMinute(e.createdAt)}</span>{" "}
                <strong>{e.actor ?? "The importer"}</strong> {describeAction(e.action)}
                {changes.length > 0 && (
                  <ul>
                    {changes.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </Section>
  );
}
