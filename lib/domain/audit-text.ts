// Audit events in words for history pages: what happened, and which values changed.
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const PHRASES: Record<string, string> = {
  "annotation.create": "annotated the study",
  "annotation.reply": "replied to an annotation",
  "annotation.update": "edited an annotation",
  "annotation.delete": "deleted an annotation",
  "annotation.resolve": "resolved an annotation",
  "annotation.reopen": "reopened an annotation",
  "study.update": "corrected the study",
  "outcome.create": "entered outcome data",
  "outcome.update": "changed outcome data",
  "outcome.delete": "deleted outcome data",
  "arm_outcome.create": "entered an arm's outcome data",
  "arm_outcome.update": "changed an arm's outcome data",
  "arm_outcome.delete": "deleted an arm's outcome data",
  "cohort.analysis": "saved a cohort's analysis choices",
  "tags.assess": "tagged outcome categories",
  "tags.consensus": "set the consensus outcome categories",
  "rob.assess": "assessed the risk of bias",
  "rob.consensus": "set the risk-of-bias consensus",
  "rob.import": "imported risk-of-bias judgements",
  "grade.rate": "rated the certainty of an outcome",
  "category.create": "created an outcome category",
  "category.update": "changed an outcome category",
  "category.merge": "merged outcome categories",
  "settings.update": "changed a team setting",
  "cohort.create": "saved a cohort",
  "cohort.update": "renamed a cohort",
  "cohort.filter": "changed a cohort's filter",
  "cohort.duplicate": "duplicated a cohort",
  "cohort.delete": "deleted a cohort",
  "cohort.freeze": "froze a cohort",
  "cohort.unfreeze": "made a cohort live again",
  "share_link.create": "created a read-only link",
  "share_link.revoke": "revoked a read-only link",
  "import.run": "imported an evidence table",
  "user.setup": "created the first administrator",
  "invite.create": "invited someone",
  "invite.revoke": "revoked an invitation",
  "invite.accept": "joined the team",
  "user.role": "changed a role",
  "user.disable": "disabled an account",
  "user.enable": "enabled an account",
  "user.password": "changed their password",
};

export function describeAction(action: string): string {
  return PHRASES[action] ?? action;
}

function short(v: Json | undefined): string {
  if (v === undefined || v === null) return "—";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** "field: old → new" for each top-level value that differs between before and after. */
export function describeChanges(before: unknown, after: unknown): string[] {
  const b = (before && typeof before === "object" && !Array.isArray(before) ? before : {}) as Record<
    string,
    Json
  >;
  const a = (after && typeof after === "object" && !Array.isArray(after) ? after : {}) as Record<
    string,
    Json
  >;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== "version");
  const out: string[] = [];
  for (const k of keys) {
    if (JSON.stringify(b[k]) === JSON.stringify(a[k])) continue;
    if (!(k in b)) out.push(`${k}: ${short(a[k])}`);
    else if (!(k in a)) out.push(`${k}: was ${short(b[k])}`);
    else out.push(`${k}: ${short(b[k])} → ${short(a[k])}`);
  }
  return out;
}
