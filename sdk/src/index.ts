export * from "./idl.js";
export * from "./pda.js";
export * from "./amounts.js";
export * from "./canonical.js";
export * from "./math.js";
export * from "./pyth.js";
export * from "./errors.js";
export * from "./convert.js";
export * from "./accounts.js";
export * from "./events.js";
export * from "./client.js";
export * from "./preview.js";
export * from "./credit.js";
export { BN, AnchorProvider, Program, Wallet } from "./anchor.js";
/** The SDK's own @solana/web3.js, so that apps use the same classes (PublicKey, Keypair, …). */
export * as web3 from "@solana/web3.js";
