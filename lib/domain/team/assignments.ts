// Assignments: an admin hands studies to reviewers for a task. Each study goes to every chosen
// reviewer (double review, as tagging and risk of bias are done) or is shared out among them in
// turn (single extraction). Whether an assignment is done, or done but in conflict with another
// reviewer's work, is read from the work itself.
export const ASSIGNMENT_TASKS = ["tag", "outcomes", "rob"] as const;
export type AssignmentTask = (typeof ASSIGNMENT_TASKS)[number];

export const TASK_LABELS: Record<AssignmentTask, string> = {
  tag: "Tag outcome categories",
  outcomes: "Extract outcome data",
  rob: "Assess risk of bias",
};

/** Where on the study page the task is done (the section's id). */
export const TASK_ANCHORS: Record<AssignmentTask, string> = {
  tag: "tags",
  outcomes: "outcome",
  rob: "rob",
};

export const ASSIGNMENT_MODES = ["each", "share"] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export const ASSIGNMENT_STATUSES = ["to do", "done", "in conflict"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** The most studies one assignment may hand out (a filter of a whole 100,000-study table is a
 * mistake more often than a plan). */
export const MAX_ASSIGNED_STUDIES = 20_000;
export const MAX_ASSIGNEES = 50;

/**
 * Pairs of (study, reviewer): every reviewer gets every study ("each"), or the studies are dealt
 * out in order, one reviewer after another ("share"), so that the shares differ by at most one.
 * `offset` starts the deal at a later reviewer (to continue a previous deal evenly).
 */
export function distribute(
  studyIds: readonly string[],
  reviewerIds: readonly string[],
  mode: AssignmentMode,
  offset = 0,
): { studyId: string; reviewerId: string }[] {
  const reviewers = [...new Set(reviewerIds)];
  if (reviewers.length === 0) return [];
  const studies = [...new Set(studyIds)];
  if (mode === "each")
    return studies.flatMap((studyId) => reviewers.map((reviewerId) => ({ studyId, reviewerId })));
  const start = ((offset % reviewers.length) + reviewers.length) % reviewers.length;
  return studies.map((studyId, i) => ({ studyId, reviewerId: reviewers[(start + i) % reviewers.length]! }));
}

export interface ProgressCounts {
  todo: number;
  done: number;
  conflict: number;
}

/** Done share of a person's or a task's assignments, 0–1 (conflicts count as done work). */
export function doneShare(c: ProgressCounts): number {
  const total = c.todo + c.done + c.conflict;
  return total === 0 ? 0 : (c.done + c.conflict) / total;
}
