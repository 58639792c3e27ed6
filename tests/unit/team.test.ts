// Mentions and the dealing out of assignments, with expected values written by hand.
import { describe, expect, it } from "vitest";
import { distribute, doneShare } from "../../lib/domain/team/assignments";
import { handleOf, mentionedIn } from "../../lib/domain/team/mentions";

const people = [
  { id: "a", name: "Ann Lee", email: "ann.lee@example.org" },
  { id: "b", name: "Ben Okafor", email: "bokafor@example.org" },
  { id: "c", name: "Ann Müller", email: "amuller@example.org" },
  { id: "d", name: "Zoë Ng", email: "zng@example.org" },
];

describe("mentionedIn", () => {
  it("finds a person by their name without spaces, in any case", () => {
    expect(mentionedIn("@AnnLee please check the dose", people)).toEqual(["a"]);
    expect(mentionedIn("see @annlee.", people)).toEqual(["a"]);
  });

  it("finds a person by a first name only they have, and by their e-mail's local part", () => {
    expect(mentionedIn("@ben and @amuller", people)).toEqual(["b", "c"]);
  });

  it("does not guess between two people who share a first name", () => {
    expect(mentionedIn("@Ann what do you think?", people)).toEqual([]);
  });

  it("ignores accents and keeps the order of first mention, each person once", () => {
    expect(mentionedIn("@zoeng, @BenOkafor, @zoë again @ZoeNg", people)).toEqual(["d", "b"]);
    expect(mentionedIn("@AnnMuller", people)).toEqual(["c"]);
  });

  it("does not read an e-mail address or an unknown handle as a mention", () => {
    expect(mentionedIn("write to ann.lee@example.org or bokafor@ben", people)).toEqual([]);
    expect(mentionedIn("@nobody @ @-", people)).toEqual([]);
  });

  it("shows a person's handle as their name without spaces", () => {
    expect(handleOf(people[0]!)).toBe("AnnLee");
    expect(handleOf({ name: "  ", email: "x.y@example.org" })).toBe("x.y");
    expect(mentionedIn(`@${handleOf(people[3]!)}`, people)).toEqual(["d"]);
  });
});

describe("distribute", () => {
  it("gives every study to each reviewer for double review", () => {
    expect(distribute(["s1", "s2"], ["r1", "r2"], "each")).toEqual([
      { studyId: "s1", reviewerId: "r1" },
      { studyId: "s1", reviewerId: "r2" },
      { studyId: "s2", reviewerId: "r1" },
      { studyId: "s2", reviewerId: "r2" },
    ]);
  });

  it("shares studies out in turn, shares differing by at most one", () => {
    const pairs = distribute(["s1", "s2", "s3", "s4", "s5"], ["r1", "r2"], "share");
    expect(pairs.map((p) => p.reviewerId)).toEqual(["r1", "r2", "r1", "r2", "r1"]);
    expect(distribute(["s1", "s2"], ["r1", "r2", "r3"], "share", 2).map((p) => p.reviewerId)).toEqual([
      "r3",
      "r1",
    ]);
  });

  it("assigns nothing without reviewers and counts a duplicate once", () => {
    expect(distribute(["s1"], [], "each")).toEqual([]);
    expect(distribute(["s1", "s1"], ["r1", "r1"], "each")).toEqual([{ studyId: "s1", reviewerId: "r1" }]);
  });

  it("counts conflicts as done work in the progress share", () => {
    expect(doneShare({ todo: 2, done: 1, conflict: 1 })).toBe(0.5);
    expect(doneShare({ todo: 0, done: 0, conflict: 0 })).toBe(0);
  });
});
