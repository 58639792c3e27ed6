// What the inbox, "my queue" and the team page show.
import type { AssignmentStatus, AssignmentTask, ProgressCounts } from "../domain/team/assignments";

export type InboxKind = "mention" | "reply" | "assignment" | "conflict";

export interface InboxItem {
  id: string;
  kind: InboxKind;
  message: string;
  actor: string | null;
  studyId: string | null;
  annotationId: string | null;
  /** Where opening it goes. */
  href: string;
  read: boolean;
  /** ISO time. */
  createdAt: string;
}

export interface InboxPage {
  items: InboxItem[];
  unread: number;
  /** Pass as `before` for the next (older) page; null on the last. */
  nextBefore: string | null;
}

export interface QueueItem {
  assignmentId: string;
  task: AssignmentTask;
  studyId: string;
  label: string;
  status: AssignmentStatus;
  assignedAt: string;
}

export interface QueueView {
  task: AssignmentTask;
  status: AssignmentStatus | null;
  items: QueueItem[];
  counts: ProgressCounts;
  /** Counts of every task, for the tabs. */
  tasks: Record<AssignmentTask, ProgressCounts>;
  nextStudyId: string | null;
}

export interface TeamProgressRow extends ProgressCounts {
  task: AssignmentTask;
  assigneeId: string;
  assignee: string;
}

export interface AssignSource {
  kind: "filter" | "cohort";
  /** What the studies are, in words ("Crohn's disease, intravenous"; "cohort “IV trials”"). */
  description: string;
  count: number;
  /** The filter as URL parameters, or the cohort's id. */
  value: string;
}
