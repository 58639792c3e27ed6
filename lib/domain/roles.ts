// Team roles, from most to least powerful: admins manage people, imports and categories;
// reviewers annotate, tag and save cohorts; viewers read.
export const ROLES = ["admin", "reviewer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { admin: 3, reviewer: 2, viewer: 1 };

/** Whether a user holding `role` may do what `required` may do. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  reviewer: "Reviewer",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Manages people, imports and outcome categories; everything a reviewer does.",
  reviewer: "Annotates and tags studies, saves and shares cohorts.",
  viewer: "Reads the dashboard, studies, cohorts and charts.",
};
