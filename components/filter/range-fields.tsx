// A "from … to …" pair of inputs for a range field of the filter.
interface End {
  name: string;
  value: number | undefined;
  placeholder?: string;
  size: number;
}

function EndInput({ label, end, inputMode }: { label: string; end: End; inputMode: "decimal" | "numeric" }) {
  return (
    <label>
      {label}{" "}
      <input
        name={end.name}
        inputMode={inputMode}
        size={end.size}
        defaultValue={end.value ?? ""}
        placeholder={end.placeholder}
      />
    </label>
  );
}

export function RangeFields({
  from,
  to,
  inputMode,
}: {
  from: End;
  to: End;
  inputMode: "decimal" | "numeric";
}) {
  return (
    <div className="pair">
      <EndInput label="From" end={from} inputMode={inputMode} />
      <EndInput label="to" end={to} inputMode={inputMode} />
    </div>
  );
}
