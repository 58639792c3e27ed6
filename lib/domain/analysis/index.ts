// Meta-analysis of the evidence table: the page's choices, the run, and its files.
export * from "./options";
export * from "./report";
export * from "./run";
