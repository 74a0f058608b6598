//! Each broken or unreadable fixture is refused with the right kind of error, quickly.
mod common;
use common::fixture;
use yusuan_pdf::{pdf_to_text, PdfError};

fn kind(name: &str) -> &'static str {
    let t = std::time::Instant::now();
    let r = pdf_to_text(&fixture(name));
    assert!(t.elapsed().as_secs() < 10, "{name} took {:?}", t.elapsed());
    match r {
        Ok(_) => "ok",
        Err(e) => {
            // every error explains itself in both languages
            assert!(!e.message_zh().is_empty() && !e.message_en().is_empty());
            e.kind()
        }
    }
}

#[test]
fn scanned_pdf_has_no_text() {
    assert_eq!(pdf_to_text(&fixture("scanned.pdf")), Err(PdfError::NoText));
    assert_eq!(
        PdfError::NoText.message_zh(),
        "这个 PDF 没有文字层（可能是扫描件），无法读取其中的数字"
    );
    assert_eq!(
        PdfError::NoText.message_en(),
        "this PDF has no text layer (perhaps a scan); its figures cannot be read"
    );
}

#[test]
fn encrypted_with_a_password_is_refused() {
    assert_eq!(
        pdf_to_text(&fixture("encrypted.pdf")),
        Err(PdfError::Encrypted)
    );
}

#[test]
fn encrypted_with_an_empty_user_password_is_opened() {
    let plain = pdf_to_text(&fixture("small.pdf")).expect("plain");
    for name in [
        "encrypted-empty-password.pdf",
        "encrypted-aes128.pdf",
        "encrypted-rc4-128.pdf",
        "encrypted-rc4-40.pdf",
    ] {
        let t = pdf_to_text(&fixture(name));
        if cfg!(feature = "decrypt") {
            assert_eq!(t.as_ref().map(|t| &t.text), Ok(&plain.text), "{name}");
        } else {
            assert_eq!(t, Err(PdfError::Encrypted), "{name}");
        }
    }
}

#[test]
fn not_a_pdf() {
    assert_eq!(kind("not-a-pdf.pdf"), "corrupt");
    assert_eq!(
        pdf_to_text(b""),
        Err(PdfError::Corrupt {
            page: None,
            reason: "not a PDF file (no %PDF header)".into()
        })
    );
}

#[test]
fn truncated_file_is_corrupt() {
    assert_eq!(kind("truncated.pdf"), "corrupt");
}

#[test]
fn garbage_body_is_corrupt() {
    assert_eq!(kind("garbage-body.pdf"), "corrupt");
}

#[test]
fn self_reference_and_page_tree_loop_are_corrupt() {
    assert_eq!(kind("self-reference.pdf"), "corrupt");
    assert_eq!(kind("page-tree-loop.pdf"), "corrupt");
}

#[test]
fn endless_content_stream_is_corrupt_on_its_page() {
    match pdf_to_text(&fixture("endless-stream.pdf")) {
        Err(PdfError::Corrupt { page: Some(1), .. }) => {}
        other => panic!("expected Corrupt on page 1, got {other:?}"),
    }
}

#[test]
fn decompression_bomb_and_operator_flood_are_too_large() {
    assert_eq!(kind("zip-bomb.pdf"), "too_large");
    assert_eq!(kind("operator-flood.pdf"), "too_large");
}

#[test]
fn oversized_input_is_too_large() {
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(yusuan_pdf::MAX_INPUT_BYTES + 1, b' ');
    assert_eq!(kind_of(&big), "too_large");
}

fn kind_of(b: &[u8]) -> &'static str {
    match pdf_to_text(b) {
        Ok(_) => "ok",
        Err(e) => e.kind(),
    }
}

#[test]
fn broken_xref_is_rebuilt() {
    let t = pdf_to_text(&fixture("broken-xref.pdf")).expect("rebuilt");
    assert_eq!(t.pages, 1);
    assert!(t.text.contains("Total 84,579"), "{:?}", t.text);
}

#[test]
fn recursive_form_stops_at_the_depth_cap() {
    let t = pdf_to_text(&fixture("recursive-form.pdf")).expect("reads");
    assert!(t.text.contains("deep"));
}

#[test]
fn handmade_ok() {
    let t = pdf_to_text(&fixture("handmade-ok.pdf")).expect("reads");
    assert_eq!(t.text, "Total 84,579\n\x0c"); // as pdftotext -layout prints it
}

#[test]
fn object_streams_and_xref_streams_read_like_the_plain_file() {
    let plain = pdf_to_text(&fixture("small.pdf")).expect("plain");
    let packed = pdf_to_text(&fixture("small-objstm.pdf")).expect("packed");
    assert_eq!(plain, packed);
    assert!(plain.text.contains("84,579"));
}

#[test]
fn layout_stress_pages_finish_quickly() {
    // pdftotext needs 7 s for the grid; here the layout work is capped per page
    assert_eq!(kind("stress-grid.pdf"), "too_large");
    for name in ["stress-line.pdf", "stress-pile.pdf", "stress-staircase.pdf"] {
        assert_eq!(kind(name), "ok", "{name}");
    }
    let pile = pdf_to_text(&fixture("stress-pile.pdf")).expect("pile");
    assert_eq!(
        pile.text.trim(),
        "ab",
        "90,000 copies of a word are one word"
    );
}
