//! Restores a file (or standard input) and lists every edit with the rule
//! that made it, then the ambiguous phrases the language model left alone.
//!
//! ```text
//! cargo run --example explain -- examples/hegseth.spun.txt
//! ```

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = match std::env::args_os().nth(1) {
        Some(path) => std::fs::read_to_string(path)?,
        None => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text)?;
            text
        }
    };

    let restorer = unspin::Restorer::new();
    let restoration = restorer.restore(&text);
    let evidence = restoration.evidence();
    println!(
        "{} words, {} fingerprints: {}",
        evidence.words(),
        evidence.fingerprints(),
        if evidence.is_spun() {
            "spun"
        } else {
            "not shown to be spun"
        }
    );
    for edit in restoration.edits() {
        println!(
            "{:>6}..{:<6} {:?} -> {:?} ({}, confidence {:.2})",
            edit.span().start,
            edit.span().end,
            edit.original(),
            edit.replacement(),
            edit.dictionary().unwrap_or("built-in rule"),
            edit.confidence(),
        );
    }
    for left in restoration.skipped() {
        let j = left.judgement();
        println!(
            "{:>6}..{:<6} {:?} left alone: {:?} scores {:+.1} log10, needs more than {:.1}",
            left.span().start,
            left.span().end,
            left.original(),
            left.replacement(),
            j.difference(),
            j.margin(),
        );
    }
    Ok(())
}
