// Test fixtures on the chain itself: wallets with SOL, a USDC mint (SPL
// Token instructions built here; the SDK does not deal with mints).
import { web3, AnchorProvider, AutofactorClient, createAtaIdempotent, ata, TOKEN_PROGRAM_ID } from "@autofactor/sdk";

const { Keypair, SystemProgram, TransactionInstruction, LAMPORTS_PER_SOL } = web3;
type Keypair = web3.Keypair;
type PublicKey = web3.PublicKey;

/** The provider from ANCHOR_PROVIDER_URL and ANCHOR_WALLET (Anchor's convention). */
export function providerFromEnv(): AnchorProvider {
  for (const v of ["ANCHOR_PROVIDER_URL", "ANCHOR_WALLET"]) {
    if (!process.env[v]) throw new Error(`${v} is not set: run the suite with tests/ts/run.sh or \`anchor test\``);
  }
  return AnchorProvider.env();
}

export async function fund(client: AutofactorClient, payer: Keypair, wallets: PublicKey[], sol = 10): Promise<void> {
  const ixs = wallets.map((w) => SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: w, lamports: sol * LAMPORTS_PER_SOL }));
  for (let i = 0; i < ixs.length; i += 10) await client.send(ixs.slice(i, i + 10), [payer]);
}

/** A new SPL Token mint with 6 decimals (InitializeMint2). */
export async function createUsdcMint(client: AutofactorClient, payer: Keypair, authority: PublicKey): Promise<PublicKey> {
  const mint = Keypair.generate();
  const space = 82;
  const lamports = await client.connection.getMinimumBalanceForRentExemption(space);
  const data = Buffer.alloc(67);
  data.writeUInt8(20, 0); // InitializeMint2
  data.writeUInt8(6, 1);
  authority.toBuffer().copy(data, 2);
  data.writeUInt8(0, 34); // no freeze authority
  await client.send(
    [
      SystemProgram.createAccount({ fromPubkey: payer.publicKey, newAccountPubkey: mint.publicKey, lamports, space, programId: TOKEN_PROGRAM_ID }),
      new TransactionInstruction({ programId: TOKEN_PROGRAM_ID, keys: [{ pubkey: mint.publicKey, isSigner: false, isWritable: true }], data: data.subarray(0, 35) }),
    ],
    [payer, mint],
  );
  return mint.publicKey;
}

/** Creates `owner`'s USDC ATA if needed and mints `amount` micro-USDC into it. */
export async function mintUsdc(client: AutofactorClient, payer: Keypair, mint: PublicKey, authority: Keypair, owner: PublicKey, amount: bigint): Promise<PublicKey> {
  const dest = ata(owner, mint, TOKEN_PROGRAM_ID);
  const data = Buffer.alloc(9);
  data.writeUInt8(7, 0); // MintTo
  data.writeBigUInt64LE(amount, 1);
  const ixs = [createAtaIdempotent(payer.publicKey, owner, mint, TOKEN_PROGRAM_ID)];
  if (amount > 0n) {
    ixs.push(
      new TransactionInstruction({
        programId: TOKEN_PROGRAM_ID,
        keys: [
          { pubkey: mint, isSigner: false, isWritable: true },
          { pubkey: dest, isSigner: false, isWritable: true },
          { pubkey: authority.publicKey, isSigner: true, isWritable: false },
        ],
        data,
      }),
    );
  }
  await client.send(ixs, amount > 0n ? [payer, authority] : [payer]);
  return dest;
}

export async function tokenBalance(client: AutofactorClient, account: PublicKey): Promise<bigint> {
  return BigInt((await client.connection.getTokenAccountBalance(account)).value.amount);
}
