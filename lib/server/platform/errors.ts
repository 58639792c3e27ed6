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
};

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
