//! Any dictionary text: a clear error or a usable dictionary, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match unspin::Dictionary::from_tsv("fuzz", text) {
        Ok(dict) => {
            let restorer = unspin::Restorer::builder()
                .default_dictionaries(false)
                .dictionary(dict)
                .build();
            let _ = restorer.restore(text);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
