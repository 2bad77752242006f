//! `cargo run -p autofactor-idl [-- --check]`
//!
//! Builds the Autofactor IDL the way `anchor build` does (compiling the
//! program's `idl-build` feature natively and merging what its
//! `__anchor_private_print_idl` tests print), then writes it to
//! `idl/autofactor.json` and its TypeScript type (the camelCase form
//! `anchor build` writes to `target/types/autofactor.ts`) to
//! `idl/autofactor.ts`; with `--check` it fails if either committed file
//! differs from a fresh build.

mod ts;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root.canonicalize().expect("workspace root");
    let program = root.join("programs/autofactor");
    let json_out = root.join("idl/autofactor.json");
    let ts_out = root.join("idl/autofactor.ts");

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
    let types = match ts::idl_ts(&idl) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("TypeScript type generation failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outputs = [(&json_out, &json), (&ts_out, &types)];

    if check {
        let mut stale = false;
        for (path, fresh) in outputs {
            let committed = std::fs::read_to_string(path).unwrap_or_default();
            if &committed != fresh {
                let name = path.strip_prefix(&root).unwrap_or(path).display().to_string();
                eprintln!("{name} is stale: regenerate it with `cargo run -p autofactor-idl` and commit it");
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("out");
                let fresh_path = path.with_extension(format!("fresh.{ext}"));
                let _ = std::fs::write(&fresh_path, fresh);
                eprintln!("fresh copy written to {}", fresh_path.display());
                stale = true;
            }
        }
        if stale {
            return ExitCode::FAILURE;
        }
        println!(
            "idl/autofactor.json and idl/autofactor.ts are up to date ({} instructions)",
            idl.instructions.len()
        );
    } else {
        for (path, content) in outputs {
            std::fs::write(path, content).expect("write IDL output");
            println!("wrote {} ({} instructions)", path.display(), idl.instructions.len());
        }
    }
    ExitCode::SUCCESS
}
