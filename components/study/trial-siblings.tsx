// The other publications of the same registered trial, whose patients are counted once.
import Link from "next/link";
import type { StudyDetail } from "@/lib/contracts/studies";
import { Section } from "./section";

export function TrialSiblings({ study }: { study: StudyDetail }) {
  const siblings = study.trial?.studies.filter((o) => o.id !== study.id) ?? [];
  if (siblings.length === 0) return null;
  return (
    <Section id="trial" title="Same registered trial">
      <p>
        {siblings.length} other publication{siblings.length === 1 ? "" : "s"} report {study.trial?.registryId}
        ; patients are counted once for the trial.
      </p>
      <ul>
        {siblings.map((o) => (
          <li key={o.id}>
            <Link href={`/studies/${o.id}`}>
              {o.diseaseCode} {o.reference}
            </Link>{" "}
            <span className="muted">n = {o.enrollment ?? "?"}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
