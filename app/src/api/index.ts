export * from "./types";
export * from "./client";
export { ApiFormatError } from "./decode";
export { parseJsonExact, ExactJsonError, type ExactJson } from "./json";
