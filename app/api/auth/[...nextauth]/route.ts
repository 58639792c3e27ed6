// next-auth's own endpoints (sign-in, sign-out, session, CSRF); they check credentials themselves.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/server/platform/auth";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

const handler: Handler = (req, ctx) => (NextAuth(authOptions()) as Handler)(req, ctx);

export { handler as GET, handler as POST };
