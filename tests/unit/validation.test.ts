import { describe, expect, it } from "vitest";
import { AcceptInviteSchema, InviteSchema, SetupSchema, SignInSchema } from "../../lib/validation/user";
import { safeCallback } from "../../lib/domain/urls";
import { clientIp } from "../../lib/server/platform/client-ip";

const setup = {
  name: " Ada ",
  email: " Ada@Example.TEST ",
  password: "aaaaaaaa",
  confirmPassword: "aaaaaaaa",
};

describe("account forms", () => {
  it("accept any password of 8 or more characters, with no composition rules", () => {
    const parsed = SetupSchema.parse(setup);
    expect(parsed).toMatchObject({ name: "Ada", email: "ada@example.test", password: "aaaaaaaa" });
  });

  it("name the field that is wrong", () => {
    const short = SetupSchema.safeParse({ ...setup, password: "short", confirmPassword: "short" });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]).toMatchObject({
      path: ["password"],
      message: "Use at least 8 characters",
    });
    const differ = SetupSchema.safeParse({ ...setup, confirmPassword: "bbbbbbbb" });
    expect(differ.error?.issues[0]).toMatchObject({
      path: ["confirmPassword"],
      message: "The two passwords differ",
    });
    const mail = SignInSchema.safeParse({ email: "not-an-address", password: "x" });
    expect(mail.error?.issues[0]).toMatchObject({ path: ["email"], message: "Enter a valid e-mail address" });
    expect(
      SetupSchema.safeParse({ ...setup, password: "x".repeat(257), confirmPassword: "x".repeat(257) })
        .success,
    ).toBe(false);
  });

  it("invites: the e-mail is optional, the role must be one of the three", () => {
    expect(InviteSchema.parse({ email: "", role: "viewer" })).toEqual({ email: null, role: "viewer" });
    expect(InviteSchema.safeParse({ email: "", role: "owner" }).success).toBe(false);
    expect(AcceptInviteSchema.safeParse({ ...setup, token: "short" }).success).toBe(false);
  });
});

describe("safeCallback", () => {
  it("keeps paths on this site and drops everything else", () => {
    expect(safeCallback("/studies?page=2")).toBe("/studies?page=2");
    expect(safeCallback("https://evil.example")).toBe("/");
    expect(safeCallback("//evil.example")).toBe("/");
    expect(safeCallback("/\\evil.example")).toBe("/");
    expect(safeCallback("/\t/evil.example")).toBe("/");
    expect(safeCallback("/\n/evil.example")).toBe("/");
    expect(safeCallback("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeCallback(undefined)).toBe("/");
  });
});

describe("clientIp", () => {
  it("takes the address the nearest trusted proxy saw", () => {
    expect(clientIp("203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientIp("1.1.1.1, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientIp("spoofed, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
    expect(clientIp("", 0)).toBeNull();
    expect(clientIp(null, 1)).toBeNull();
  });
});
