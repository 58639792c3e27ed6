"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { ActionState } from "@/lib/contracts/action";

/** Runs `then` once per successful answer of an action. */
export function useOnSuccess<T>(state: ActionState<T>, then: (data: T) => void) {
  useEffect(() => {
    if (state?.ok) then(state.data);
    // A new answer only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
}

/**
 * Refreshes the page's data after a save, and after a refusal for a stale version (so the form
 * holds the latest version while keeping what the person typed).
 */
export function useRefreshOnSuccess<T>(state: ActionState<T>, then?: () => void) {
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) {
      then?.();
      router.refresh();
    } else if (state && state.code === "conflict") {
      router.refresh();
    }
    // A new answer only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
}
