// What the live channel (/api/live) sends a browser: server-sent events named "change" and
// "presence", with these bodies.
import type { LiveChange, PresenceField } from "../domain/live";

export type { LiveChange };

export interface PresenceEntry {
  userId: string;
  name: string;
  field: PresenceField;
}

/** Who else has a study open, sent whenever it changes (the receiver left out). */
export interface PresenceMessage {
  studyId: string;
  people: PresenceEntry[];
}
