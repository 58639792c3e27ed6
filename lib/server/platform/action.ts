// The one shape of every server action: check the session and role, parse the form with
// zod, run, turn known failures into a message, revalidate. No action can skip the check.
import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { Role } from "../../domain/roles";
import { roleAtLeast } from "../../domain/roles";
import type { ActionResult, ActionState } from "../../contracts/action";
import { echoFields, formInputProblems } from "../../validation/common";
import { AppError, forbidden, notSignedIn, unexpected } from "./errors";
import { currentUser } from "./session";
import type { SessionUser } from "./session-user";

export type { ActionResult, ActionState };

type Access = { role: Role } | { public: true };

interface ActionDefinition<S extends z.ZodType, T> {
  access: Access;
  schema: S;
  run: (input: z.output<S>, user: SessionUser | null) => Promise<T>;
  /** Paths whose cached pages this action changes. */
  revalidate?: string[];
  /** A success message shown by the form. */
  message?: string | ((data: T) => string);
}

function formDataToObject(formData: unknown): Record<string, unknown> {
  if (!(formData instanceof FormData)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    out[key] = typeof value === "string" ? value : undefined;
  }
  return out;
}

const refuse = (e: AppError, values?: Record<string, string>): ActionResult<never> => ({
  ok: false,
  code: e.code,
  error: e.message,
  values,
});

const SECRET_FIELD = /password|token/i;

const echo = (input: Record<string, unknown>) => echoFields(input, SECRET_FIELD);

export function defineAction<S extends z.ZodType, T>(def: ActionDefinition<S, T>) {
  return async function action(_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> {
    const raw = formDataToObject(formData);
    // Whatever fails from here on, the form gets back what was typed and a message it can show.
    let user: SessionUser | null;
    try {
      user = await currentUser();
    } catch (error) {
      console.error("action failed before it started", error);
      return refuse(unexpected(error), echo(raw));
    }
    if (!("public" in def.access)) {
      if (!user) return refuse(notSignedIn(), echo(raw));
      if (!roleAtLeast(user.role, def.access.role)) return refuse(forbidden());
    }
    const unreadable = formInputProblems(raw);
    if (unreadable)
      return {
        ok: false,
        code: "invalid",
        error: "Please correct the fields marked below.",
        fieldErrors: unreadable,
        values: echo(raw),
      };
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".") || "form";
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return {
        ok: false,
        code: "invalid",
        error: "Please correct the fields marked below.",
        fieldErrors,
        values: echo(raw),
      };
    }
    let data: T;
    try {
      data = await def.run(parsed.data, user);
    } catch (error) {
      if (error instanceof AppError) return refuse(error, echo(raw));
      console.error("action failed", error);
      return refuse(unexpected(error), echo(raw));
    }
    for (const path of def.revalidate ?? []) revalidatePath(path);
    const message = typeof def.message === "function" ? def.message(data) : def.message;
    return { ok: true, data, message };
  };
}
