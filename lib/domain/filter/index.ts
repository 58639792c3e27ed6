// The cohort filter: its key table, schema, URL form, description and stored form.
export * from "./describe";
export * from "./fields";
export * from "./filter";
export * from "./stored";
