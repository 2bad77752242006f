// Anchor migration, run by `anchor migrate` after `anchor deploy`:
// creates the protocol configuration if it does not exist yet.
//
// Environment: USDC_MINT (the USDC mint of the cluster), TREASURY (fee
// wallet, defaults to the deployer), PROTOCOL_FEE_BPS (default 1000).
// The deployer wallet becomes the protocol admin; hand it over with
// protocol_admin_propose / protocol_admin_accept.

import * as anchor from "@anchor-lang/core";
import { PublicKey } from "@solana/web3.js";
import idl from "../idl/autofactor.json";

module.exports = async function (provider: anchor.AnchorProvider) {
  anchor.setProvider(provider);
  const program = new anchor.Program(idl as anchor.Idl, provider);
  const [protocol] = PublicKey.findProgramAddressSync([Buffer.from("protocol")], program.programId);
  if (await provider.connection.getAccountInfo(protocol)) {
    console.log(`protocol config already exists at ${protocol.toBase58()}`);
    return;
  }
  const usdcMint = new PublicKey(process.env.USDC_MINT ?? "");
  const treasury = new PublicKey(process.env.TREASURY ?? provider.wallet.publicKey.toBase58());
  const protocolFeeBps = Number(process.env.PROTOCOL_FEE_BPS ?? "1000");
  const sig = await program.methods
    .protocolInitialize({ treasury, protocolFeeBps })
    .accounts({ admin: provider.wallet.publicKey, usdcMint })
    .rpc();
  console.log(`protocol initialized at ${protocol.toBase58()} (${sig})`);
};
