//! Helpers for the tests that read the DOCX edition back with its real readers: LibreOffice
//! with the system's fonts hidden, the PDF it prints read with poppler and MuPDF.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Fails with a clear message when a reader program is missing.
pub fn require(program: &str) {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "`{program}` is needed by this test and is not installed (make test installs it)"
    );
}

/// Runs a reader program and returns its standard output; fails on a non-zero exit.
pub fn reader(program: &str, args: &[&str]) -> String {
    require(program);
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} fails: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A fontconfig setup that sees only DejaVu, so PT Serif can come only from the DOCX.
pub fn hidden_fonts_config(dir: &Path) -> PathBuf {
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu");
    assert!(
        dejavu.is_dir(),
        "DejaVu fonts are needed at {} (fonts-dejavu-core)",
        dejavu.display()
    );
    for entry in std::fs::read_dir(dejavu).expect("the DejaVu directory lists") {
        let name = entry.expect("an entry").file_name();
        assert!(
            !name.to_string_lossy().starts_with("PT"),
            "the font directory of the test must not hold PT fonts"
        );
    }
    let conf = dir.join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig><dir>{}</dir><cachedir>{}</cachedir></fontconfig>\n",
            dejavu.display(),
            dir.join("fc-cache").display()
        ),
    )
    .expect("fonts.conf is written");
    conf
}

/// Converts DOCX files to PDF in one LibreOffice run (one process, one session, in the
/// order given), in its own profile and with only DejaVu visible; returns the PDFs' paths.
pub fn libreoffice_pdfs(docx: &[&Path], dir: &Path) -> Vec<PathBuf> {
    require("soffice");
    let conf = hidden_fonts_config(dir);
    let profile = dir.join("lo-profile");
    let out = Command::new("soffice")
        .env("FONTCONFIG_FILE", &conf)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(docx)
        .output()
        .expect("soffice runs");
    docx.iter()
        .map(|d| {
            let pdf = dir.join(d.with_extension("pdf").file_name().expect("a name"));
            assert!(
                out.status.success() && pdf.is_file(),
                "LibreOffice converts {}: {}{}",
                d.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            pdf
        })
        .collect()
}

/// Converts one DOCX to PDF with LibreOffice (see `libreoffice_pdfs`).
pub fn libreoffice_pdf(docx: &Path, dir: &Path) -> PathBuf {
    libreoffice_pdfs(&[docx], dir).remove(0)
}

/// The parts of a zip package, by name, in order.
pub fn zip_parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("an entry");
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("an entry reads");
        out.push((f.name().to_string(), data));
    }
    out
}

/// The package with part `name` changed by `edit` (an editor's change made through the XML).
pub fn edit_part(bytes: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut found = false;
    for (part, data) in zip_parts(bytes) {
        zip.start_file(part.as_str(), opts)
            .expect("an entry starts");
        if part == name {
            found = true;
            let text = String::from_utf8(data).expect("an XML part is UTF-8");
            zip.write_all(edit(&text).as_bytes()).expect("written");
        } else {
            zip.write_all(&data).expect("written");
        }
    }
    assert!(found, "{name} is in the package");
    zip.finish().expect("the zip closes").into_inner()
}

/// One character of a PDF page as MuPDF reads it: the character, its font and size, its
/// box in points, and whether it begins its line.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// The character.
    pub c: char,
    /// The font's name as embedded ("PTSerif-Regular", "DejaVuSans").
    pub font: String,
    /// Size in points.
    pub size: f32,
    /// Left, top, right, bottom in points from the page's top left.
    pub bbox: [f32; 4],
    /// The first character of its line.
    pub line_start: bool,
}

/// The characters of every page of a PDF (`mutool draw -F stext`), page by page.
pub fn pdf_glyphs(pdf: &Path) -> Vec<Vec<Glyph>> {
    let xml = reader(
        "mutool",
        &[
            "draw",
            "-q",
            "-F",
            "stext",
            "-o",
            "-",
            pdf.to_str().expect("a UTF-8 path"),
        ],
    );
    let attr = |tag: &str, name: &str| -> Option<String> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[at..at + tag[at..].find('"')?].to_string())
    };
    let mut pages: Vec<Vec<Glyph>> = Vec::new();
    let (mut font, mut size, mut line_start) = (String::new(), 0.0f32, false);
    for tag in xml.split('<').skip(1) {
        if tag.starts_with("page ") {
            pages.push(Vec::new());
        } else if tag.starts_with("line ") {
            line_start = true;
        } else if tag.starts_with("font ") {
            font = attr(tag, "name").unwrap_or_default();
            size = attr(tag, "size")
                .and_then(|s| s.parse().ok())
                .unwrap_or(0.0);
        } else if tag.starts_with("char ") {
            let c = attr(tag, "c").map(|c| unescape(&c)).unwrap_or_default();
            let quad: Vec<f32> = attr(tag, "quad")
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(|v| v.parse().ok())
                .collect();
            let Some(c) = c.chars().next() else { continue };
            if quad.len() == 8 {
                let xs = [quad[0], quad[2], quad[4], quad[6]];
                let ys = [quad[1], quad[3], quad[5], quad[7]];
                let min = |v: [f32; 4]| v.iter().copied().fold(f32::MAX, f32::min);
                let max = |v: [f32; 4]| v.iter().copied().fold(f32::MIN, f32::max);
                if let Some(page) = pages.last_mut() {
                    page.push(Glyph {
                        c,
                        font: font.clone(),
                        size,
                        bbox: [min(xs), min(ys), max(xs), max(ys)],
                        line_start: line_start && !c.is_whitespace(),
                    });
                }
            }
            if !c.is_whitespace() {
                line_start = false;
            }
        }
    }
    pages
}

fn unescape(s: &str) -> String {
    if let Some(hex) = s.strip_prefix("&#x").and_then(|h| h.strip_suffix(';')) {
        return u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map(String::from)
            .unwrap_or_default();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// How many dark pixels page `page` (from 1) of a PDF has inside `bbox` (points), rendered
/// in grey at 144 dpi by poppler: zero where a glyph draws nothing.
pub fn ink(pdf: &Path, page: usize, bbox: [f32; 4]) -> usize {
    require("pdftoppm");
    let scale = 2.0; // 144 dpi
    let [x0, y0, x1, y1] = bbox.map(|v| v * scale);
    let (x, y) = (x0.floor() as i64, y0.floor() as i64);
    let (w, h) = (
        ((x1 - x0).ceil() as i64).max(1),
        ((y1 - y0).ceil() as i64).max(1),
    );
    let out = Command::new("pdftoppm")
        .args(["-gray", "-r", "144", "-f", &page.to_string(), "-l"])
        .arg(page.to_string())
        .args(["-x", &x.to_string(), "-y", &y.to_string()])
        .args(["-W", &w.to_string(), "-H", &h.to_string()])
        .arg(pdf)
        .output()
        .expect("pdftoppm runs");
    assert!(out.status.success(), "pdftoppm renders page {page}");
    // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
    let data = out.stdout;
    let mut fields = 0;
    let mut at = 0;
    while fields < 4 && at < data.len() {
        while at < data.len() && data[at].is_ascii_whitespace() {
            at += 1;
        }
        while at < data.len() && !data[at].is_ascii_whitespace() {
            at += 1;
        }
        fields += 1;
    }
    data[(at + 1).min(data.len())..]
        .iter()
        .filter(|&&p| p < 128)
        .count()
}
