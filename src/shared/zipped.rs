//! Zip entries deflated once per process. The DOCX and EPUB writers package with the `zip`
//! crate, which deflates every entry it is given; but the documents of a batch embed the
//! same font parts again and again (a DOCX's four subsets are cut to the same character set
//! for nearly every Russian letter), and deflating them was three quarters of a DOCX's CPU.
//! An entry asked for here is deflated once, kept as a one-entry archive, and copied raw
//! (`ZipWriter::raw_copy_file_touch`) into each package that has the same name and bytes;
//! the package's bytes are the same as if it had been deflated in place (a test below).

use crate::shared::bounded::Shared;
use crate::shared::clock::Civil;
use std::hash::{Hash, Hasher};
use std::io::{Cursor, Seek, Write};
use std::sync::Arc;
use zip::result::ZipResult;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// The deflate level every package uses: zlib's default, the balance of size and time.
pub const LEVEL: i64 = 6;

/// Deflated entries, each kept as a one-entry archive. At most twice this many are kept: a
/// batch's font parts (four faces, a few character sets).
static DEFLATED: Shared<Entry, Arc<Vec<u8>>> = Shared::new(16);

/// What makes an entry's bytes in a package: its name, its contents and its options (time,
/// attributes, compression).
#[derive(PartialEq, Eq)]
struct Entry {
    name: String,
    bytes: Vec<u8>,
    options: SimpleFileOptions,
}

// `FileOptions` has no `Hash`; equal entries have equal names and bytes, which is enough.
impl Hash for Entry {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.bytes.hash(state);
    }
}

/// The time a zip entry holds for the instant `when`: zip's MS-DOS time reaches from 1980
/// to 2107, so an earlier instant (SOURCE_DATE_EPOCH=0, say) is 1980-01-01 00:00:00 and a
/// later one keeps its day in 2107.
pub fn entry_time(when: Civil) -> DateTime {
    let (y, early) = (when.year, when.year < 1980);
    let part = |v: u32, floor: u8| if early { floor } else { v as u8 };
    DateTime::from_date_and_time(
        y.clamp(1980, 2107) as u16,
        part(when.month, 1),
        part(when.day, 1),
        part(when.hour, 0),
        part(when.minute, 0),
        part(when.second, 0),
    )
    .unwrap_or_default()
}

/// The options of an entry deflated at [`LEVEL`], dated `time`.
pub fn deflated(time: DateTime) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(LEVEL))
        .last_modified_time(time)
}

/// Writes `bytes` to `zip` as the entry `name` with `options`, compressing them only the
/// first time this process writes that entry. For parts that recur across documents
/// (fonts, a stylesheet); a part that is new in every document gains nothing here and is
/// better written directly.
pub fn write_recurring<W: Write + Seek>(
    zip: &mut ZipWriter<W>,
    name: &str,
    bytes: &[u8],
    options: SimpleFileOptions,
) -> ZipResult<()> {
    let entry = Entry {
        name: name.to_string(),
        bytes: bytes.to_vec(),
        options,
    };
    let archive = DEFLATED.get_or_make(entry, || {
        one_entry(name, bytes, options)
            .map(Arc::new)
            .unwrap_or_default()
    });
    if archive.is_empty() {
        // Compressing into memory failed (it cannot, short of memory): write it in place.
        zip.start_file(name, options)?;
        return zip.write_all(bytes).map_err(Into::into);
    }
    let mut source = ZipArchive::new(Cursor::new(archive.as_slice()))?;
    let entry = source.by_index_raw(0)?;
    zip.raw_copy_file(entry)
}

/// A zip archive of the one entry `name` holding `bytes`, written with `options`.
fn one_entry(name: &str, bytes: &[u8], options: SimpleFileOptions) -> ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() / 2 + 256)));
    zip.start_file(name, options)?;
    zip.write_all(bytes)?;
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(parts: &[(&str, Vec<u8>)], raw: bool, options: SimpleFileOptions) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in parts {
            if raw {
                write_recurring(&mut zip, name, bytes, options).unwrap();
            } else {
                zip.start_file(*name, options).unwrap();
                zip.write_all(bytes).unwrap();
            }
        }
        zip.finish().unwrap().into_inner()
    }

    /// DOCX and EPUB date their entries alike: an instant before zip's epoch is its first
    /// second, not a 1980 day borrowed from the real date; a later one is kept.
    #[test]
    fn entries_are_dated_within_what_zip_can_hold() {
        let at = |secs| entry_time(Civil::from_unix(secs));
        let first = DateTime::from_date_and_time(1980, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(at(0), first);
        assert_eq!(at(171_849_600), first, "1975-06-15 is before zip's epoch");
        assert_eq!(
            at(1_700_000_000),
            DateTime::from_date_and_time(2023, 11, 14, 22, 13, 20).unwrap()
        );
    }

    /// The copied entry gives the package the very bytes deflating in place gives, on the
    /// first write (deflated here) and on later ones (copied), at any date and with the
    /// attributes the EPUB writer sets.
    #[test]
    fn a_recurring_entry_copied_raw_gives_the_bytes_deflating_gives() {
        let font: Vec<u8> = (0..70_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let parts = [
            ("word/document.xml", b"<w:document/>".repeat(400)),
            ("word/fonts/font1.odttf", font.clone()),
            ("word/fonts/font2.odttf", font[..30_000].to_vec()),
        ];
        let time = DateTime::from_date_and_time(2024, 5, 6, 7, 8, 10).unwrap();
        let epub = deflated(time)
            .system(zip::System::Unix)
            .unix_permissions(0o644);
        for options in [deflated(DateTime::default()), deflated(time), epub] {
            let direct = package(&parts, false, options);
            for round in 0..2 {
                assert!(
                    package(&parts, true, options) == direct,
                    "round {round}: the package differs ({options:?})"
                );
            }
        }
        let mut back = ZipArchive::new(Cursor::new(package(&parts, true, epub))).unwrap();
        let mut read = Vec::new();
        std::io::Read::read_to_end(
            &mut back.by_name("word/fonts/font1.odttf").unwrap(),
            &mut read,
        )
        .unwrap();
        assert_eq!(read, font);
    }
}
