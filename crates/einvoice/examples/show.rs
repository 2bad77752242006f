//! Prints the parsed e-invoice as JSON, or the refusal, for each file given.
//!
//! `cargo run -p autofactor-einvoice --example show -- FILE... [--due-date YYYY-MM-DD] [--metadata]`

use std::process::ExitCode;

use autofactor_einvoice::{metadata_json, parse_with, Date, MetadataOptions, ParseOptions};

fn main() -> ExitCode {
    let mut opts = ParseOptions::default();
    let mut metadata = false;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--due-date" => match args.next().map(|d| Date::parse_from_str(&d, "%Y-%m-%d")) {
                Some(Ok(d)) => opts.due_date = Some(d),
                _ => {
                    eprintln!("--due-date needs a YYYY-MM-DD value");
                    return ExitCode::from(2);
                }
            },
            "--metadata" => metadata = true,
            _ => files.push(arg),
        }
    }
    let mut status = ExitCode::SUCCESS;
    for file in files {
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{file}: {e}");
                status = ExitCode::FAILURE;
                continue;
            }
        };
        match parse_with(&bytes, &opts) {
            Ok(inv) => {
                let value = if metadata {
                    metadata_json(&inv, &MetadataOptions::default())
                } else {
                    serde_json::to_value(&inv).unwrap_or_default()
                };
                println!("{file}:\n{}", serde_json::to_string_pretty(&value).unwrap_or_default());
            }
            Err(e) => {
                println!("{file}: error[{}]: {e}", e.code());
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
