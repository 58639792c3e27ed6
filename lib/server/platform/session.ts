// The signed-in user of the current request, read from the session cookie and checked
// against the database once per request: a disabled account or an ended session is nobody.
import "server-only";
import { decode, encode, type JWT } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "../../domain/roles";
import { SESSION_MAX_AGE_SECONDS } from "./auth";
import { userOfSession } from "./sessions";
import { serverEnv } from "./env";
import { assertRole, type SessionUser } from "./session-user";

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

async function sessionCookie(): Promise<{ name: string; value: string } | null> {
  const store = await cookies();
  for (const name of COOKIE_NAMES) {
    const value = store.get(name)?.value;
    if (value) return { name, value };
  }
  return null;
}

export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const token = await sessionToken();
  return token ? userOfSession(token) : null;
});

/** The decoded session token of the current request, or null. */
async function sessionToken() {
  const cookie = await sessionCookie();
  if (!cookie) return null;
  const hit = decoded.get(cookie.value);
  if (hit && unexpired(hit)) return hit;
  try {
    const token = await decode({ token: cookie.value, secret: serverEnv().NEXTAUTH_SECRET });
    if (token) {
      decoded.delete(cookie.value);
      decoded.set(cookie.value, token);
      if (decoded.size > DECODED_MAX) decoded.delete(decoded.keys().next().value!);
    }
    return token;
  } catch {
    return null;
  }
}

/** Tokens already decrypted, by cookie value: a signed-in person sends the same cookie with every
 * request, and decrypting it (a key derivation and an AES-GCM decryption) is a good part of a
 * light page's server time. Only what decrypted is kept; expiry is checked at every use, and the
 * session behind the token is still checked against the database on every request. */
const decoded = new Map<string, JWT>();
const DECODED_MAX = 2_000;

const unexpired = (token: JWT) => typeof token.exp !== "number" || token.exp * 1000 > Date.now();

/** The current request's session id, or null. */
export async function currentSessionId(): Promise<string | null> {
  const token = await sessionToken();
  return typeof token?.sid === "string" ? token.sid : null;
}

/** For data access: the signed-in user with at least `role`, or an AppError. */
export async function requireRole(role: Role, what?: string): Promise<SessionUser> {
  return assertRole(await currentUser(), role, what);
}

export async function requireUser(): Promise<SessionUser> {
  return requireRole("viewer");
}

/** For pages: sends a signed-out visitor to sign in, and shows 403 to a user whose role is too low. */
export async function requirePageUser(role: Role = "viewer", from?: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(from ? `/sign-in?callbackUrl=${encodeURIComponent(from)}` : "/sign-in");
  try {
    return assertRole(user, role);
  } catch {
    redirect("/forbidden");
  }
}

/** Re-issues the current session cookie after the account's session version moved on. */
export async function reissueSession(user: SessionUser, sessionVersion: number): Promise<void> {
  const cookie = await sessionCookie();
  if (!cookie) return;
  const sid = await currentSessionId();
  if (!sid) return;
  const token = await encode({
    token: { uid: user.id, sv: sessionVersion, sid, email: user.email, name: user.name },
    secret: serverEnv().NEXTAUTH_SECRET,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  const store = await cookies();
  store.set(cookie.name, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: cookie.name.startsWith("__Secure-"),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}
