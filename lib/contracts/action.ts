// The answer of every server action, which the forms that call them read.

/** Why the server refused a request; route handlers map each to an HTTP status. */
export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid"
  | "throttled"
  | "setup_closed"
  /** The database cannot be reached: nothing was saved, try again. */
  | "unavailable"
  /** Anything else that went wrong on the server (the log has the details). */
  | "internal";

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

/** A server action as a form receives it (bound by `useActionState`). */
export type FormAction<T> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
