// The tools' short names, as plots and forms show them.
import type { ToolId } from "./types";

export const TOOL_SHORT_NAMES: Record<ToolId, string> = {
  rob2: "RoB 2",
  "robins-i": "ROBINS-I",
  "jbi-case-series": "JBI case series",
};
