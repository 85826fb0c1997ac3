//! Text marked to be left alone (`unspin: ignore` lines and
//! `unspin-ignore-start` blocks) comes out byte for byte, however the
//! input is cut into chunks, and does not count as evidence of spin.

use std::io::Cursor;

const SPUN: &str = "The Protection Secretary met the U.Okay. team. He stated it.\n\n";

fn marked_document() -> String {
    format!(
        "{SPUN}<!-- unspin-ignore-start -->\nAn example: Getty Pictures.\n\n\
         Another: \"U.Okay.\".\n\n<!-- unspin-ignore-end -->\n\n\
         Quoted as spun: U.Okay. # unspin: ignore\n\n{SPUN}"
    )
}

#[test]
fn marked_text_is_kept_in_every_chunking() {
    let doc = marked_document();
    let whole = unspin::Restorer::new().restore(&doc);
    let end = "<!-- unspin-ignore-end -->";
    let block = &doc[doc.find("<!--").unwrap()..doc.find(end).unwrap() + end.len()];
    assert!(whole.text().contains(block));
    assert!(whole
        .text()
        .contains("Quoted as spun: U.Okay. # unspin: ignore\n"));
    assert!(whole
        .text()
        .starts_with("The Defense Secretary met the U.K. team. He said it."));
    assert_eq!(whole.edits().len(), 6);
    // Chunks that hold the block: a longer region would be cut inside.
    for size in [128, 150, 200, 256] {
        let r = unspin::Restorer::builder().chunk_size(size).build();
        assert_eq!(r.restore(&doc).text(), whole.text(), "chunk size {size}");
        let mut out = Vec::new();
        r.restore_stream(Cursor::new(doc.as_bytes()), &mut out)
            .unwrap();
        assert_eq!(out, whole.text().as_bytes(), "stream, chunk size {size}");
    }
}

#[test]
fn marked_text_is_no_evidence() {
    let marked = "Clean text.\n<!-- unspin-ignore-start -->\nThe Protection Secretary met the \
                  U.Okay. team.\n<!-- unspin-ignore-end -->\nHe stated it.\n";
    let r = unspin::Restorer::new().restore(marked);
    assert_eq!(r.text(), marked);
    assert_eq!(r.evidence().fingerprints(), 0);
    assert!(!unspin::Restorer::new().detect(marked).is_spun());
}
