// next-auth's own endpoints (sign-in, sign-out, session, CSRF); they check credentials themselves.
// A POST (signing in or out) from a page of another site is refused before next-auth sees it,
// besides next-auth's own CSRF token.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/platform/auth";
import { refuseCrossSite } from "@/lib/server/platform/origin";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

const handler: Handler = (req, ctx) => (NextAuth(authOptions()) as Handler)(req, ctx);

const post: Handler = async (req, ctx) => refuseCrossSite(req) ?? handler(req, ctx);

export { handler as GET, post as POST };
