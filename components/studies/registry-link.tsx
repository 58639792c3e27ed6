// A registry id linked to the trial's page in its registry (opens in a new tab).
import { readRegistryId } from "@/lib/domain/registry";

export function RegistryLink({ registryId }: { registryId: string }) {
  const reading = readRegistryId(registryId);
  if (reading.kind !== "id") return <>{registryId}</>;
  return (
    <a href={reading.value.url} rel="noopener noreferrer" target="_blank">
      {registryId}
      <span className="visually-hidden"> (opens {reading.value.registry} in a new tab)</span>
    </a>
  );
}
