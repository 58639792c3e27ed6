import { describe, expect, it } from "vitest";
import { AcceptInviteSchema, InviteSchema, SetupSchema, SignInSchema } from "../../lib/validation/user";
import { safeCallback } from "../../lib/domain/urls";
import { clientAddress, isLoopback } from "../../lib/domain/client-address";
import { AnnotationStatusSchema, EditAnnotationSchema } from "../../lib/validation/annotation";
import { echoFields, formInputProblems } from "../../lib/validation/common";
import { DeleteOutcomeDataSchema, OutcomeDataSchema } from "../../lib/validation/outcome-data";
import { EditStudySchema } from "../../lib/validation/study";
import { originVerdict } from "../../lib/domain/request-origin";
import { GENERIC_SIGN_IN_FAILURE, signInMessage } from "../../lib/domain/sign-in-messages";
import { SaveTagsSchema } from "../../lib/validation/tags";

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

describe("the client's address", () => {
  it("is the socket's address without trusted proxies, whatever X-Forwarded-For claims", () => {
    // Our server appends the socket's address to whatever the client sent.
    expect(clientAddress("198.51.100.7", "1.2.3.4, 198.51.100.7", 0)).toBe("198.51.100.7");
    expect(clientAddress("::ffff:127.0.0.1", "127.0.0.1", 0)).toBe("127.0.0.1");
  });

  it("is the hop the trusted proxies vouch for behind them", () => {
    // client → proxy (appends the client's 203.0.113.9) → our server (appends the proxy's 10.0.0.2)
    expect(clientAddress("10.0.0.2", "203.0.113.9, 10.0.0.2", 1)).toBe("203.0.113.9");
    // A client that writes its own X-Forwarded-For only adds hops to the left of what is trusted.
    expect(clientAddress("10.0.0.2", "spoofed, 203.0.113.9, 10.0.0.2", 1)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.3", "spoofed, 198.51.100.7, 10.0.0.2, 10.0.0.3", 2)).toBe("198.51.100.7");
  });

  it("is unknown when the app runs without its server (no peer header)", () => {
    expect(clientAddress(null, "1.2.3.4", 0)).toBeNull();
    expect(clientAddress(undefined, "1.2.3.4", 1)).toBeNull();
  });

  it("tells this machine from others", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("192.168.1.4")).toBe(false);
    expect(isLoopback(null)).toBe(false);
  });
});

describe("every form's fields before their schema", () => {
  it("refuses a NUL or other control character, naming the field, and keeps tabs and new lines", () => {
    expect(formInputProblems({ body: "a\u0000b", outcome: "fine", note: "x\u001by" })).toEqual({
      body: ["Remove the invisible control character (such as NUL) from this field."],
      note: ["Remove the invisible control character (such as NUL) from this field."],
    });
    expect(formInputProblems({ body: "line one\nline two\twith a tab\r\n" })).toBeNull();
  });

  it("refuses a field larger than any form holds, and does not echo it back", () => {
    const huge = "x".repeat(1_000_000);
    expect(formInputProblems({ body: huge })!.body![0]).toContain("1,000,000 characters");
    expect(echoFields({ body: huge, outcome: "kept", password: "secret" }, /password/)).toEqual({
      outcome: "kept",
    });
  });
});

describe("record versions", () => {
  const base = { id: "6f1c1c8e-5d1b-4d3c-9a55-0e7f2b1a9c01", body: "text", status: "open" };
  it.each([
    ["annotation", () => EditAnnotationSchema.safeParse({ ...base, version: "99999999999" })],
    ["annotation status", () => AnnotationStatusSchema.safeParse({ ...base, version: "2147483648" })],
    ["outcome data", () => DeleteOutcomeDataSchema.safeParse({ id: base.id, version: "99999999999" })],
    ["tags", () => SaveTagsSchema.safeParse({ studyId: base.id, version: "99999999999" })],
  ])("%s: a version beyond PostgreSQL's integer is refused, not sent to the database", (_label, parse) => {
    const result = parse();
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toContain("Reload the page and try again");
  });

  it("a study correction refuses an arm size beyond PostgreSQL's integer", () => {
    const arm = "6f1c1c8e-5d1b-4d3c-9a55-0e7f2b1a9c02";
    const r = EditStudySchema.safeParse({ id: base.id, version: "1", [`arm_${arm}_n`]: "99999999999" });
    expect(r.success).toBe(false);
  });
});

describe("outcome data bounds", () => {
  const study = "6f1c1c8e-5d1b-4d3c-9a55-0e7f2b1a9c01";
  const single = (over: Record<string, string>) =>
    OutcomeDataSchema.safeParse({
      studyId: study,
      outcome: "Response",
      design: "single_arm",
      xi: "3",
      ni: "10",
      ...over,
    });
  const continuous = (over: Record<string, string>) =>
    OutcomeDataSchema.safeParse({
      studyId: study,
      outcome: "EDSS",
      design: "continuous",
      m1i: "3.1",
      sd1i: "1.2",
      n1i: "20",
      m2i: "3.6",
      sd2i: "1.1",
      n2i: "21",
      ...over,
    });
  const fields = (r: ReturnType<typeof single>) =>
    r.success ? [] : r.error.issues.map((i) => String(i.path[0]));

  it("accepts what a trial reports", () => {
    expect(single({}).success).toBe(true);
    expect(continuous({}).success).toBe(true);
    expect(continuous({ m1i: "-0.5", m2i: "1e2" }).success).toBe(true);
  });

  it.each([
    ["events beyond any trial", { xi: "1e300", ni: "1e300" }, ["xi", "ni"]],
    ["a hexadecimal count", { xi: "0x10" }, ["xi"]],
    ["a count written with separators JavaScript reads", { ni: "1_000" }, ["ni"]],
    ["a total of 0", { xi: "0", ni: "0" }, ["ni"]],
    ["more events than participants", { xi: "11" }, ["xi"]],
    ["a fraction of a patient", { xi: "2.5" }, ["xi"]],
  ])("single arm: refuses %s, naming the field", (_l, over, expected) => {
    expect(fields(single(over))).toEqual(expected);
  });

  it.each([
    ["groups of 0", { n1i: "0", n2i: "0" }, ["n1i", "n2i"]],
    ["a group of one (no SD)", { n1i: "1" }, ["n1i"]],
    ["an SD of 0", { sd1i: "0" }, ["sd1i"]],
    ["a negative SD", { sd2i: "-1" }, ["sd2i"]],
    ["a mean past any scale", { m1i: "1e300" }, ["m1i"]],
  ])("continuous: refuses %s, naming the field", (_l, over, expected) => {
    expect(fields(continuous(over))).toEqual(expected);
  });
});

describe("what the sign-in page may say", () => {
  it("shows the app's own messages and codes, and nothing a link wrote", () => {
    expect(signInMessage("CredentialsSignin")).toBe("That e-mail and password do not match an account.");
    expect(signInMessage("Too many failed sign-in attempts from here. Try again in 15 minutes.")).toBe(
      "Too many failed sign-in attempts from here. Try again in 15 minutes.",
    );
    for (const forged of [
      "Your account is suspended: call +1 555 0100 to restore it",
      "Invalid `prisma.$queryRaw()` invocation: Can't reach database server at 127.0.0.1:5544",
      "<script>alert(1)</script>",
      "toString",
    ])
      expect(signInMessage(forged)).toBe(GENERIC_SIGN_IN_FAILURE);
  });
});

describe("requests from the app's own pages", () => {
  const own = ["http://localhost:3000"];
  const verdict = (method: string, origin: string | null, secFetchSite: string | null = null) =>
    originVerdict(method, { origin, secFetchSite }, own).ok;

  it("lets through a state-changing request from the app's own origin", () => {
    expect(verdict("POST", "http://localhost:3000", "same-origin")).toBe(true);
    expect(verdict("POST", "http://localhost:3000")).toBe(true);
  });

  it("refuses a foreign origin, another port of the same host, a missing origin and a cross-site fetch", () => {
    expect(verdict("POST", "http://evil.example")).toBe(false);
    expect(verdict("POST", "http://localhost:3001", "same-site")).toBe(false);
    expect(verdict("POST", "http://localhost:3001")).toBe(false);
    expect(verdict("POST", null)).toBe(false);
    expect(verdict("POST", "null")).toBe(false);
    expect(verdict("POST", "http://localhost:3000", "cross-site")).toBe(false);
    expect(verdict("DELETE", "https://localhost:3000")).toBe(false);
  });

  it("leaves reading methods alone", () => {
    expect(verdict("GET", "http://evil.example", "cross-site")).toBe(true);
    expect(verdict("HEAD", null)).toBe(true);
  });
});
