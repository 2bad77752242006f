//! `cargo run -p autofactor-idl [-- --check]`
//!
//! Builds the Autofactor IDL the way `anchor build` does (compiling the
//! program's `idl-build` feature natively and merging what its
//! `__anchor_private_print_idl` tests print), then writes it to
//! `idl/autofactor.json`, or with `--check` fails if the committed file
//! differs from a fresh build.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root.canonicalize().expect("workspace root");
    let program = root.join("programs/autofactor");
    let out = root.join("idl/autofactor.json");

    // rustup sets RUSTUP_TOOLCHAIN for processes started through `cargo`;
    // the IDL builder would then try to pass it on as `+toolchain`.
    std::env::remove_var("RUSTUP_TOOLCHAIN");
    let target_dir = root.join("target/idl-build");
    let idl = match anchor_lang_idl::build::IdlBuilder::new()
        .program_path(program)
        .resolution(true)
        .cargo_args(vec!["--target-dir".into(), target_dir.display().to_string()])
        .build()
    {
        Ok(idl) => idl,
        Err(e) => {
            eprintln!("IDL build failed: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let json = serde_json::to_string_pretty(&idl).expect("serialize IDL") + "\n";

    if check {
        let committed = std::fs::read_to_string(&out).unwrap_or_default();
        if committed != json {
            eprintln!(
                "idl/autofactor.json is stale: regenerate it with `cargo run -p autofactor-idl` and commit it"
            );
            let fresh = out.with_extension("fresh.json");
            let _ = std::fs::write(&fresh, &json);
            eprintln!("fresh IDL written to {}", fresh.display());
            return ExitCode::FAILURE;
        }
        println!("idl/autofactor.json is up to date ({} instructions)", idl.instructions.len());
    } else {
        std::fs::write(&out, json).expect("write IDL");
        println!("wrote {} ({} instructions)", out.display(), idl.instructions.len());
    }
    ExitCode::SUCCESS
}
