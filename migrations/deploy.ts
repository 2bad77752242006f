// Anchor migration, run by `anchor migrate` after `anchor deploy`:
// creates the protocol configuration if it does not exist yet, and checks
// an existing one.
//
// Environment: USDC_MINT (the USDC mint of the cluster), TREASURY (fee
// wallet, defaults to the deployer), PROTOCOL_FEE_BPS (default 1000).
// The deployer wallet becomes the protocol admin; hand it over with
// protocol_admin_propose / protocol_admin_accept.
//
// Only the program's upgrade authority may initialize (F-12): the program
// checks it against the ProgramData account passed here. If the
// configuration already exists, the migration fails unless its USDC mint
// is USDC_MINT and its admin the deployer or EXPECTED_ADMIN (a config
// created by anyone else means the deployment is not ours to trust).

import * as anchor from "@anchor-lang/core";
import { PublicKey } from "@solana/web3.js";
import idl from "../idl/autofactor.json";

const UPGRADEABLE_LOADER = new PublicKey("BPFLoaderUpgradeab1e11111111111111111111111");

module.exports = async function (provider: anchor.AnchorProvider) {
  anchor.setProvider(provider);
  const program = new anchor.Program(idl as anchor.Idl, provider);
  const [protocol] = PublicKey.findProgramAddressSync([Buffer.from("protocol")], program.programId);
  const usdcMint = new PublicKey(process.env.USDC_MINT ?? "");
  const existing = await provider.connection.getAccountInfo(protocol);
  if (existing) {
    const config: any = await (program.account as any).protocolConfig.fetch(protocol);
    const expectedAdmin = new PublicKey(process.env.EXPECTED_ADMIN ?? provider.wallet.publicKey.toBase58());
    if (!config.usdcMint.equals(usdcMint) || !config.admin.equals(expectedAdmin)) {
      throw new Error(
        `protocol config at ${protocol.toBase58()} exists with admin ${config.admin.toBase58()} and USDC mint ` +
          `${config.usdcMint.toBase58()}; expected admin ${expectedAdmin.toBase58()} and mint ${usdcMint.toBase58()}`,
      );
    }
    console.log(`protocol config already exists at ${protocol.toBase58()} (admin and USDC mint as expected)`);
    return;
  }
  const treasury = new PublicKey(process.env.TREASURY ?? provider.wallet.publicKey.toBase58());
  const protocolFeeBps = Number(process.env.PROTOCOL_FEE_BPS ?? "1000");
  const [programData] = PublicKey.findProgramAddressSync([program.programId.toBuffer()], UPGRADEABLE_LOADER);
  const sig = await program.methods
    .protocolInitialize({ treasury, protocolFeeBps })
    .accounts({ admin: provider.wallet.publicKey, usdcMint, programData })
    .rpc();
  console.log(`protocol initialized at ${protocol.toBase58()} (${sig})`);
};
