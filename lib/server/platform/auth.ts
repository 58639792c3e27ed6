// next-auth configuration: e-mail and password through the Credentials provider,
// JWT sessions that carry the account's session version so they can be ended at once.
import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SignInSchema } from "../../validation/user";
import { clientAddress, PEER_HEADER } from "../../domain/client-address";
import { endSession, startSession, userOfSession } from "./sessions";
import { serverEnv } from "./env";
import { isDatabaseUnavailable } from "./errors";
import { authenticate, describeSignInFailure } from "./sign-in";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

function header(headers: unknown, name: string): string | null {
  if (!headers || typeof headers !== "object") return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : null;
}

export function authOptions(): AuthOptions {
  const env = serverEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: {
          email: { label: "E-mail", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const parsed = SignInSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error("Enter your e-mail address and password.");
          const ip = clientAddress(
            header(req?.headers, PEER_HEADER),
            header(req?.headers, "x-forwarded-for"),
            env.TRUSTED_PROXY_COUNT,
          );
          let result;
          try {
            result = await authenticate(parsed.data.email, parsed.data.password, ip);
          } catch (error) {
            // The page shows this message: never the database's address or the driver's words.
            console.error("sign-in failed", error);
            throw new Error(
              isDatabaseUnavailable(error)
                ? "Signing in is not possible right now: the database cannot be reached. Try again in a moment."
                : "Signing in did not work. Please try again.",
              { cause: error },
            );
          }
          if (!result.ok) throw new Error(describeSignInFailure(result));
          const { id, email, name, role, sessionVersion } = result.user;
          const sid = await startSession(
            id,
            { userAgent: header(req?.headers, "user-agent"), client: ip },
            SESSION_MAX_AGE_SECONDS,
          );
          return { id, email, name, role, sessionVersion, sid };
        },
      }),
    ],
    events: {
      // Signing out ends the session on the server: a copy of the cookie is nobody from now on.
      async signOut({ token }) {
        await endSession(token?.sid);
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const signedIn = user as { sessionVersion?: number; sid?: string };
          token.uid = user.id;
          token.sv = signedIn.sessionVersion ?? 0;
          token.sid = signedIn.sid;
          return token;
        }
        // Every later use re-checks the session and the account, so signing out, disabling or a
        // password change ends it.
        if (!token.uid) return token;
        if (!(await userOfSession(token))) return { expired: true };
        return token;
      },
      session({ session, token }) {
        if (!token.uid || token.expired) return { expires: session.expires };
        return session;
      },
    },
  };
}
