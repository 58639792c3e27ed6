// The result type of every server action, importable by client components.
import type { ErrorCode } from "./errors";

export type ActionResult<T> =
  | { ok: true; data: T; message?: string }
  | {
      ok: false;
      code: ErrorCode;
      error: string;
      fieldErrors?: Record<string, string[]>;
      /** What was typed (never passwords or tokens), so the form can show it again. */
      values?: Record<string, string>;
    };

export type ActionState<T> = ActionResult<T> | null;
