//! Signing conventions, offline (no chain): signer URIs, `--sign-only`
//! with `--blockhash`, `--dump-transaction-message` for a multisig
//! proposal, `--fee-payer` and `--with-compute-unit-price`.

mod common;

use base64::Engine as _;
use common::autofactor;
use serde_json::Value;
use solana_sdk::message::Message;
use solana_sdk::signature::{Keypair, Signature, Signer};
use std::io::Write;
use std::process::Stdio;
use std::str::FromStr;

/// A URL nothing listens on: an offline command must not need it.
const NOWHERE: &str = "http://127.0.0.1:9";
const BLOCKHASH: &str = "4uQeVj5tqViQh7yWWGStvkEG1Zmhx6uasJtWCJziofM";

fn run(args: &[&str], stdin: &str) -> (bool, Value) {
    let mut child = autofactor()
        .args(args)
        .args(["--url", NOWHERE, "--output", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.success(), v)
}

fn keyfile(kp: &Keypair, name: &str) -> String {
    let p = std::env::temp_dir().join(format!("af-offline-{name}-{}.json", std::process::id()));
    solana_sdk::signature::write_keypair_file(kp, &p).unwrap();
    p.display().to_string()
}

fn message(v: &Value) -> (Vec<u8>, Message) {
    let bytes =
        base64::engine::general_purpose::STANDARD.decode(v["message_base64"].as_str().unwrap()).unwrap();
    assert_eq!(bs58::decode(v["message_base58"].as_str().unwrap()).into_vec().unwrap(), bytes);
    let m: Message = bincode::deserialize(&bytes).unwrap();
    (bytes, m)
}

#[test]
fn sign_only_with_a_keypair_from_stdin() {
    let admin = Keypair::new();
    let json = format!("{:?}\n", admin.to_bytes().to_vec());
    let (ok, v) =
        run(&["protocol", "pause", "--keypair", "prompt://", "--sign-only", "--blockhash", BLOCKHASH], &json);
    assert!(ok, "{v}");
    assert_eq!(v["command"], "protocol pause");
    assert_eq!(v["blockhash"], BLOCKHASH);
    assert_eq!(v["fee_payer"], admin.pubkey().to_string());
    assert_eq!(v["absent_signers"], serde_json::json!([]));
    let (bytes, m) = message(&v);
    assert_eq!(m.recent_blockhash.to_string(), BLOCKHASH);
    let signer = &v["signers"][0];
    assert_eq!(signer["pubkey"], admin.pubkey().to_string());
    let sig = Signature::from_str(signer["signature"].as_str().unwrap()).unwrap();
    assert!(sig.verify(admin.pubkey().as_ref(), &bytes), "the signature is over the printed message");
}

#[test]
fn dump_message_for_a_multisig_with_fee_payer_and_priority_fee() {
    // The admin (e.g. a Squads vault) does not sign here; the fee payer is
    // separate; a priority fee is set.
    let admin = Keypair::new();
    let payer = Keypair::new();
    let (ok, v) = run(
        &[
            "protocol",
            "unpause",
            "--keypair",
            &keyfile(&admin, "admin"),
            "--fee-payer",
            &keyfile(&payer, "payer"),
            "--with-compute-unit-price",
            "5000",
            "--dump-transaction-message",
            "--blockhash",
            BLOCKHASH,
        ],
        "",
    );
    assert!(ok, "{v}");
    assert_eq!(v["fee_payer"], payer.pubkey().to_string());
    assert_eq!(v["signers"], serde_json::json!([]), "nothing is signed");
    let (_, m) = message(&v);
    assert_eq!(m.account_keys[0], payer.pubkey());
    assert!(m.account_keys[..m.header.num_required_signatures as usize].contains(&admin.pubkey()));
    // Compute-unit limit, compute-unit price, then the instruction.
    assert_eq!(m.instructions.len(), 3);
    let budget = m.account_keys[m.instructions[1].program_id_index as usize];
    assert_eq!(budget.to_string(), "ComputeBudget111111111111111111111111111111");
    let price = &m.instructions[1].data;
    assert_eq!((price[0], u64::from_le_bytes(price[1..9].try_into().unwrap())), (3, 5000));
    assert_eq!(m.account_keys[m.instructions[2].program_id_index as usize], autofactor_client::PROGRAM_ID);
}

#[test]
fn unsupported_signers_are_clear_errors() {
    let (ok, v) =
        run(&["protocol", "pause", "--keypair", "usb://ledger", "--sign-only", "--blockhash", BLOCKHASH], "");
    assert!(!ok);
    let msg = v["error"]["message"].as_str().unwrap();
    assert!(msg.contains("usb://ledger") && msg.contains("not supported in this build"), "{msg}");
    let (ok, v) = run(&["protocol", "pause", "--keypair", "prompt://", "--sign-only"], "not a seed phrase\n");
    assert!(!ok);
    assert!(v["error"]["message"].as_str().unwrap().contains("seed phrase"), "{v}");
}
