// Live updates: the notification an audit event sends (ids and kinds only), the message a
// browser receives (what changed, never its content), and which pages a message concerns.
import type { AuditNotification } from "./live-wire";

export type { AuditNotification, PresenceHeartbeat } from "./live-wire";

/** What a browser is told: that something of this kind changed, on this study or cohort. */
export interface LiveChange {
  id: string;
  kind: LiveKind;
  studyId: string | null;
  cohortId: string | null;
  /** The receiver made this change themselves (in another tab, say). */
  own: boolean;
}

export type LiveKind =
  | "annotation"
  | "tags"
  | "correction"
  | "outcome data"
  | "cohort"
  | "categories"
  | "risk of bias"
  | "certainty"
  | "settings"
  | "inbox";

/** The kind of an audit event that pages show, or null for those they do not (accounts, links…). */
export function liveKindOf(event: Pick<AuditNotification, "entityType" | "action">): LiveKind | null {
  if (event.action.startsWith("tags.")) return "tags";
  switch (event.entityType) {
    case "annotation":
      return "annotation";
    case "tag_assessment":
      return "tags";
    case "study":
      return "correction";
    case "outcome_data":
    case "arm_outcome":
      return "outcome data";
    case "cohort":
      return "cohort";
    case "category":
      return "categories";
    case "rob_assessment":
    case "rob_consensus":
      return "risk of bias";
    case "grade_rating":
      return "certainty";
    case "settings":
      return "settings";
    default:
      return null;
  }
}

/** What a page shows, as the live component is told. */
export type LiveView =
  { page: "study"; studyId: string } | { page: "cohort"; cohortId: string } | { page: "evidence" };

/** Whether a change concerns the page: the study page its study, a cohort page its cohort and
 * its studies, the dashboard and table any study; team-wide changes (categories, settings) all. */
export function concerns(change: LiveChange, view: LiveView): boolean {
  if (change.kind === "categories" || change.kind === "settings" || change.kind === "inbox") return true;
  switch (view.page) {
    case "study":
      return change.studyId === view.studyId;
    case "cohort":
      return change.cohortId === view.cohortId || (change.studyId !== null && change.kind !== "cohort");
    case "evidence":
      return change.studyId !== null;
  }
}

/** What a reviewer is doing on a study page, as presence reports it. */
export const PRESENCE_FIELDS = [
  "viewing",
  "dose",
  "enrollment",
  "outcome",
  "route",
  "product",
  "registry",
  "correction",
  "annotation",
  "outcome data",
] as const;
export type PresenceField = (typeof PRESENCE_FIELDS)[number];

/** A presence heartbeat is kept this long without another. */
export const PRESENCE_TTL_MS = 30_000;
/** How often an open study page says it is still open. */
export const PRESENCE_INTERVAL_MS = 10_000;

/** The field a focused form control edits, from its name and the page section (id) it is in. */
export function presenceFieldOf(name: string, section: string | null): PresenceField {
  if (section === "notes") return "annotation";
  if (section === "outcome") return "outcome data";
  if (section !== "correct") return "viewing";
  if (/^arm_.+_dose$/.test(name)) return "dose";
  if (/^arm_.+_n$/.test(name) || name === "enrollment") return "enrollment";
  if (name === "outcome") return "outcome";
  if (name === "routeText") return "route";
  return "correction";
}

export const PRESENCE_FIELD_LABELS: Record<PresenceField, string> = {
  viewing: "viewing",
  dose: "editing the dose",
  enrollment: "editing the enrollment",
  outcome: "editing the outcome",
  route: "editing the route",
  product: "editing the cell product",
  registry: "editing the registry id",
  correction: "correcting this study",
  annotation: "writing an annotation",
  "outcome data": "entering outcome data",
};

export const LIVE_KIND_LABELS: Record<LiveKind, string> = {
  annotation: "an annotation",
  tags: "the outcome categories",
  correction: "the study's data",
  "outcome data": "outcome data",
  cohort: "a cohort",
  categories: "the outcome categories",
  "risk of bias": "the risk of bias",
  certainty: "the certainty of evidence",
  settings: "the team's settings",
  inbox: "your inbox",
};
