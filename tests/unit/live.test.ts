// Which pages a live change concerns, which audit events pages hear of, and which field a focused
// control edits (for presence).
import { describe, expect, it } from "vitest";
import { concerns, liveKindOf, presenceFieldOf, type LiveChange } from "../../lib/domain/live";

const A = "0190a000-0000-7000-8000-00000000000a";
const B = "0190a000-0000-7000-8000-00000000000b";
const change = (over: Partial<LiveChange>): LiveChange => ({
  id: "1",
  kind: "annotation",
  studyId: A,
  cohortId: null,
  own: false,
  ...over,
});

describe("live changes", () => {
  it("concern the study page of their study only, and every evidence page", () => {
    expect(concerns(change({}), { page: "study", studyId: A })).toBe(true);
    expect(concerns(change({}), { page: "study", studyId: B })).toBe(false);
    expect(concerns(change({}), { page: "evidence" })).toBe(true);
    expect(concerns(change({ kind: "cohort", studyId: null, cohortId: B }), { page: "evidence" })).toBe(
      false,
    );
  });

  it("concern a cohort page for its cohort and for study changes, not for other cohorts", () => {
    expect(
      concerns(change({ kind: "cohort", studyId: null, cohortId: B }), { page: "cohort", cohortId: B }),
    ).toBe(true);
    expect(
      concerns(change({ kind: "cohort", studyId: null, cohortId: A }), { page: "cohort", cohortId: B }),
    ).toBe(false);
    expect(concerns(change({ kind: "correction" }), { page: "cohort", cohortId: B })).toBe(true);
  });

  it("team-wide changes concern every page", () => {
    expect(concerns(change({ kind: "categories", studyId: null }), { page: "study", studyId: B })).toBe(true);
  });

  it("pages hear of edits, not of accounts or share links", () => {
    expect(liveKindOf({ entityType: "tag_assessment", action: "tags.assess" })).toBe("tags");
    expect(liveKindOf({ entityType: "study", action: "tags.consensus" })).toBe("tags");
    expect(liveKindOf({ entityType: "study", action: "study.edit" })).toBe("correction");
    expect(liveKindOf({ entityType: "user", action: "user.invite" })).toBeNull();
    expect(liveKindOf({ entityType: "share_link", action: "share.create" })).toBeNull();
  });
});

describe("presence", () => {
  it("names the field from the control and its section", () => {
    expect(presenceFieldOf("arm_0190_dose", "correct")).toBe("dose");
    expect(presenceFieldOf("arm_0190_n", "correct")).toBe("enrollment");
    expect(presenceFieldOf("outcome", "correct")).toBe("outcome");
    expect(presenceFieldOf("outcome", "outcome")).toBe("outcome data");
    expect(presenceFieldOf("body", "notes")).toBe("annotation");
    expect(presenceFieldOf("q1", "rob")).toBe("viewing");
  });
});
