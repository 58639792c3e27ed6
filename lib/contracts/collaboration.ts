// What the study page shows of the team's work on a study: annotation threads, tags and
// consensus, outcome data, and the history of changes.
import type { OutcomeDesign } from "../validation/outcome-data";

export interface ReplyView {
  id: string;
  body: string;
  version: number;
  authorId: string;
  author: string;
  /** ISO time. */
  createdAt: string;
  edited: boolean;
}

export interface ThreadView extends ReplyView {
  field: string | null;
  status: "open" | "resolved";
  replies: ReplyView[];
}

export interface CategoryView {
  id: string;
  name: string;
  colour: string;
  description: string;
}

export interface TagsView {
  blind: boolean;
  mine: { version: number; categoryIds: string[] } | null;
  /** The other reviewers' tags; null while the team tags blind and this person has not tagged. */
  others: { reviewer: string; categoryIds: string[]; updatedAt: Date }[] | null;
  hiddenOthers: number;
  consensus: { categoryIds: string[]; setBy: string | null; automatic: boolean; hidden: boolean };
}

export interface OutcomeEntry {
  id: string;
  outcome: string;
  design: OutcomeDesign;
  version: number;
  values: Record<string, number | null>;
  changeScores: boolean;
  notes: string;
}

export interface HistoryEvent {
  id: string;
  actorId: string | null;
  actor: string | null;
  action: string;
  entityType: string;
  entityId: string;
  studyId: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

/** One of the signed-in person's open sessions, as the account page lists it. */
export interface OpenSessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  client: string | null;
  /** The session of this very browser. */
  current: boolean;
}
