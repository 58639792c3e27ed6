// A registry id linked to the trial's page in its registry (opens in a new tab).
import { markup, type SafeHtml } from "@/lib/domain/html";
import { readRegistryId } from "@/lib/domain/registry";

/** The link as HTML text, for rows written as text (studies and member tables). */
export function registryLinkHtml(registryId: string): SafeHtml {
  const reading = readRegistryId(registryId);
  if (reading.kind !== "id") return markup`${registryId}`;
  const { url, registry } = reading.value;
  const hint = markup`<span class="visually-hidden"> (opens ${registry} in a new tab)</span>`;
  return markup`<a href="${url}" rel="noopener noreferrer" target="_blank">${registryId}${hint}</a>`;
}

export function RegistryLink({ registryId }: { registryId: string }) {
  return <span dangerouslySetInnerHTML={{ __html: registryLinkHtml(registryId).value }} />;
}
