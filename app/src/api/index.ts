export * from "./types";
export * from "./client";
export { ApiError, apiFetch, apiJson, apiBase, type ApiRequest, type FetchImpl } from "./http";
export { ApiFormatError } from "./decode";
export { parseJsonExact, ExactJsonError, type ExactJson } from "./json";
