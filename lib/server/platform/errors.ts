// Errors the data access layer raises on purpose; actions and route handlers turn them
// into a refusal the person can read (and route handlers into the matching HTTP status).
import "server-only";
import type { ErrorCode } from "../../contracts/action";

export type { ErrorCode };

export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
  throttled: 429,
  setup_closed: 403,
  unavailable: 503,
  internal: 500,
};

/** Whether an error is the database being out of reach (down, restarting, refusing connections). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (
    let e: unknown = error;
    e && typeof e === "object" && !seen.has(e);
    e = (e as { cause?: unknown }).cause
  ) {
    seen.add(e);
    const { name, message, ...rest } = e as {
      name?: unknown;
      message?: unknown;
      code?: unknown;
      originalCode?: unknown;
      originalMessage?: unknown;
    };
    const code = rest.code ?? rest.originalCode;
    if (typeof rest.originalMessage === "string" && isDatabaseUnavailable(new Error(rest.originalMessage)))
      return true;
    if (name === "PrismaClientInitializationError") return true;
    if (
      typeof code === "string" &&
      /^(P1001|P1002|P1017|ECONNREFUSED|ECONNRESET|ETIMEDOUT|57P0[123]|08\w\w\w)$/.test(code)
    )
      return true;
    if (
      typeof message === "string" &&
      /Can't reach database server|Connection terminated|ECONNREFUSED|terminating connection|the database system is (starting up|shutting down)|not currently accepting connections|Connection refused|connect ECONNREFUSED|DatabaseNotReachable|Server has closed the connection/i.test(
        message,
      )
    )
      return true;
  }
  return false;
}

/** The refusal a person sees for an error that was not raised on purpose: never its text. */
export function unexpected(error: unknown): AppError {
  return isDatabaseUnavailable(error)
    ? new AppError(
        "unavailable",
        "The database cannot be reached right now. Nothing was saved; try again in a moment.",
      )
    : new AppError(
        "internal",
        "Something went wrong on the server and nothing was saved. Try again; if it keeps happening, tell an administrator.",
      );
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notSignedIn = () =>
  new AppError("unauthenticated", "You are not signed in, or your session has ended.");
export const forbidden = (what = "do this") =>
  new AppError("forbidden", `Your role does not allow you to ${what}.`);
