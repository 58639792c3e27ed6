// Shows what a server action answered: its error or its success message.
import type { ActionState } from "@/lib/contracts/action";

export function FormStatus<T>({ state }: { state: ActionState<T> }) {
  if (!state) return null;
  if (!state.ok) {
    return (
      <div className="alert error" role="alert">
        {state.error}
      </div>
    );
  }
  if (!state.message) return null;
  return (
    <div className="alert success" role="status">
      {state.message}
    </div>
  );
}

export function fieldErrors<T>(state: ActionState<T>, name: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}

/** The value the person typed before a refused submission, to show it again. */
export function typed<T>(state: ActionState<T>, name: string): string | undefined {
  return state && !state.ok ? state.values?.[name] : undefined;
}
