// @anchor-lang/core is a CommonJS package; Node's ESM loader does not see
// all of its named exports (BN among them), so they are taken from the
// default export here, once.
import anchor from "@anchor-lang/core";

export const { BN, Program, AnchorProvider, BorshAccountsCoder, BorshEventCoder, LangErrorCode, LangErrorMessage, Wallet } = anchor;
export type BN = InstanceType<typeof anchor.BN>;
export type Program<T extends anchor.Idl> = anchor.Program<T>;
export type AnchorProvider = anchor.AnchorProvider;
export type Wallet = anchor.Wallet;
export type { Idl, Provider } from "@anchor-lang/core";
