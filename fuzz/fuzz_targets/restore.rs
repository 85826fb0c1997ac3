//! Any bytes in: no panic, and the edits explain the output exactly.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let restorer = unspin::Restorer::new();
    let out = restorer.restore_bytes(data);
    let mut rebuilt = Vec::with_capacity(data.len());
    let mut pos = 0;
    for e in out.edits() {
        let span = e.span();
        assert!(span.start >= pos && span.end <= data.len());
        assert_eq!(&data[span.clone()], e.original().as_bytes());
        rebuilt.extend_from_slice(&data[pos..span.start]);
        rebuilt.extend_from_slice(e.replacement().as_bytes());
        pos = span.end;
    }
    rebuilt.extend_from_slice(&data[pos..]);
    assert_eq!(rebuilt.as_slice(), out.bytes());
});
