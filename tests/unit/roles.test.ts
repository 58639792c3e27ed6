import { describe, expect, it } from "vitest";
import { roleAtLeast } from "../../lib/domain/roles";
import { assertRole } from "../../lib/server/platform/session-user";
import { AppError } from "../../lib/server/platform/errors";

describe("roles", () => {
  it("orders admin over reviewer over viewer", () => {
    expect(roleAtLeast("admin", "admin")).toBe(true);
    expect(roleAtLeast("admin", "viewer")).toBe(true);
    expect(roleAtLeast("reviewer", "reviewer")).toBe(true);
    expect(roleAtLeast("reviewer", "admin")).toBe(false);
    expect(roleAtLeast("viewer", "reviewer")).toBe(false);
    expect(roleAtLeast("viewer", "viewer")).toBe(true);
  });

  it("assertRole refuses nobody as unauthenticated and a low role as forbidden", () => {
    const viewer = { id: "1", email: "v@x", name: "V", role: "viewer" as const, sessionVersion: 0 };
    expect(() => assertRole(null, "viewer")).toThrow(expect.objectContaining({ code: "unauthenticated" }));
    expect(() => assertRole(viewer, "reviewer")).toThrow(AppError);
    expect(() => assertRole(viewer, "reviewer")).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(assertRole(viewer, "viewer")).toBe(viewer);
  });
});
