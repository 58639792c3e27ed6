// next-auth configuration: e-mail and password through the Credentials provider,
// JWT sessions that carry the account's session version so they can be ended at once.
import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { SignInSchema } from "../../validation/user";
import { clientIp } from "./client-ip";
import { db } from "./db";
import { serverEnv } from "./env";
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
          const ip = clientIp(header(req?.headers, "x-forwarded-for"), env.TRUSTED_PROXY_COUNT);
          const result = await authenticate(parsed.data.email, parsed.data.password, ip);
          if (!result.ok) throw new Error(describeSignInFailure(result));
          const { id, email, name, role, sessionVersion } = result.user;
          return { id, email, name, role, sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          return token;
        }
        // Every later use re-checks the account, so disabling or a password change ends it.
        if (!token.uid) return token;
        const row = await db().user.findUnique({
          where: { id: token.uid },
          select: { disabledAt: true, sessionVersion: true },
        });
        if (!row || row.disabledAt || row.sessionVersion !== token.sv) return { expired: true };
        return token;
      },
      session({ session, token }) {
        if (!token.uid || token.expired) return { expires: session.expires };
        return session;
      },
    },
  };
}
