// Mentions in annotations: `@handle` names a teammate. A person's handle is their name without
// spaces ("@AnnLee" for Ann Lee); their first name ("@ann") and the part of their e-mail address
// before the @ ("@ann.lee") also work where no one else answers to it. Matching ignores case and
// accents. An address such as ann@example.org is not a mention: the @ must start a word.

export interface Mentionable {
  id: string;
  name: string;
  email: string;
}

const MENTION = /(^|[^\p{L}\p{N}_.@-])@([\p{L}\p{N}][\p{L}\p{N}._-]{0,63})/gu;

/** Lower case, accents removed, spaces and punctuation other than . _ - dropped. */
export function normaliseHandle(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._-]/gu, "");
}

const firstName = (name: string) => normaliseHandle(name.trim().split(/\s+/)[0] ?? "");
const localPart = (email: string) => normaliseHandle(email.split("@")[0] ?? "");

/** The handle shown for a person: their whole name without spaces, as they wrote it. */
export function handleOf(person: Pick<Mentionable, "name" | "email">): string {
  const name = person.name.normalize("NFKC").replace(/[^\p{L}\p{N}._-]/gu, "");
  return name.length > 0 ? name : (person.email.split("@")[0] ?? "");
}

/** Each spelling that names exactly one person, to that person's id. */
function directory(people: Mentionable[]): Map<string, string> {
  const owners = new Map<string, Set<string>>();
  const add = (key: string, id: string) => {
    if (!key) return;
    let set = owners.get(key);
    if (!set) owners.set(key, (set = new Set()));
    set.add(id);
  };
  for (const p of people) {
    add(normaliseHandle(p.name), p.id);
    add(firstName(p.name), p.id);
    add(localPart(p.email), p.id);
  }
  const out = new Map<string, string>();
  for (const [key, ids] of owners) if (ids.size === 1) out.set(key, [...ids][0]!);
  return out;
}

/** The people an annotation's text mentions, in the order first mentioned, each once. */
export function mentionedIn(body: string, people: Mentionable[]): string[] {
  const dir = directory(people);
  const found: string[] = [];
  for (const match of body.matchAll(MENTION)) {
    // A sentence's full stop or a trailing hyphen is not part of the handle.
    const handle = normaliseHandle(match[2]!.replace(/[._-]+$/, ""));
    const id = dir.get(handle);
    if (id && !found.includes(id)) found.push(id);
  }
  return found;
}
