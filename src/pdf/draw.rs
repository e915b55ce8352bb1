//! Layout and drawing side by side: layout hands each finished page on, the PDF writer
//! draws it (and drops it), so a long document is never held whole. When a core is free the
//! two run on two threads — layout sets the next page while krilla draws the last one — and
//! otherwise (a batch already keeping every core busy) one after the other on this thread.
//! Either way krilla is called in the same order, so the bytes are the same.

use super::bytes::{GlyphOrder, Meta, Refusal, Writer};
use crate::diag::Error;
use crate::layout::font::FontSet;
use crate::layout::volume::VolumePages;
use crate::layout::PageSink;
use crate::layout::{Laid, Page};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::OnceLock;

/// PDFs being written at this moment, in all threads: a second thread draws only while
/// they leave a core idle.
static WRITING: AtomicUsize = AtomicUsize::new(0);

/// Pages layout may run ahead of drawing: enough to smooth out uneven pages, few enough
/// that memory stays that of a handful of pages.
const PAGES_AHEAD: usize = 4;

/// From this many pages, the memory layout freed is handed back to the system before the
/// PDF is finished ([`hand_back_freed_memory`]).
const LONG_DOCUMENT_PAGES: usize = 100;

/// The PDF's bytes (or why it could not be written) and the layout, from `lay`, which lays
/// the pages out and hands each to the sink it is given.
pub(super) fn while_laying(
    fonts: &'static FontSet,
    meta: &Meta,
    lay: impl FnOnce(PageSink<'_>) -> Result<VolumePages, Error>,
) -> Result<(Result<Vec<u8>, Refusal>, Laid), Error> {
    let writing = Writing::start();
    if writing.others + 1 >= cores() {
        one_after_the_other(fonts, meta, lay)
    } else {
        side_by_side(fonts, meta, lay)
    }
}

/// Layout on this thread, drawing on a second one.
fn side_by_side(
    fonts: &'static FontSet,
    meta: &Meta,
    lay: impl FnOnce(PageSink<'_>) -> Result<VolumePages, Error>,
) -> Result<(Result<Vec<u8>, Refusal>, Laid), Error> {
    let (pages, drawn) = sync_channel::<Page>(PAGES_AHEAD);
    let (laid_out, last) = sync_channel::<Laid>(1);
    std::thread::scope(|scope| {
        let drawer = std::thread::Builder::new()
            .name("folio-pdf".into())
            .stack_size(crate::guard::STACK_SIZE)
            .spawn_scoped(scope, move || {
                let mut writer = match Writer::new(fonts, meta) {
                    Ok(w) => w,
                    Err(e) => {
                        // Hung up first, so that layout does not wait on a full channel.
                        drop(drawn);
                        return Some((Err(e), last.recv().ok()?));
                    }
                };
                for page in drawn {
                    writer.page(&page);
                }
                // No layout comes when it failed: there is nothing to finish.
                let laid = last.recv().ok()?;
                Some((writer.finish(&laid, meta), laid))
            });
        let drawer = match drawer {
            Ok(d) => d,
            // No thread to be had: draw here instead.
            Err(_) => return one_after_the_other(fonts, meta, lay),
        };
        let mut order = GlyphOrder::default();
        let recorded = &mut order;
        let mut sent = 0;
        let counted = &mut sent;
        // Owns the sender: when layout drops the sink, the drawer knows the pages are done.
        let sink: PageSink<'_> = Box::new(move |page| {
            recorded.record(&page);
            *counted += 1;
            // A writer that could not start has stopped listening; its refusal comes below.
            let _ = pages.send(page);
        });
        let laid = lay(sink);
        hand_back_freed_memory(sent);
        // The font programs are made here while the drawer draws the last pages; it waits
        // for the layout below, so it never makes them a second time.
        if laid.is_ok() {
            order.prepare(fonts);
        }
        let laid = match laid {
            Ok(v) => {
                let _ = laid_out.send(v.laid);
                None
            }
            Err(e) => {
                drop(laid_out);
                Some(e)
            }
        };
        let drawn = drawer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match (laid, drawn) {
            (Some(e), _) => Err(e),
            (None, Some(done)) => Ok(done),
            (None, None) => Err(Error::Output(
                "the PDF writer stopped before the layout was done".into(),
            )),
        }
    })
}

/// Layout and drawing on this thread: each page drawn as soon as it is laid out.
fn one_after_the_other(
    fonts: &'static FontSet,
    meta: &Meta,
    lay: impl FnOnce(PageSink<'_>) -> Result<VolumePages, Error>,
) -> Result<(Result<Vec<u8>, Refusal>, Laid), Error> {
    let mut writer = match Writer::new(fonts, meta) {
        Ok(w) => w,
        Err(e) => return Ok((Err(e), lay(Box::new(|_| {}))?.laid)),
    };
    let mut sent = 0;
    let laid = lay(Box::new(|page: Page| {
        sent += 1;
        writer.page(&page)
    }))?
    .laid;
    hand_back_freed_memory(sent);
    Ok((writer.finish(&laid, meta), laid))
}

/// After the layout of a long document: returns to the system the memory it freed (lines,
/// paragraphs, pages drawn), which glibc's allocator otherwise keeps in its arenas, so that
/// the finish (the whole PDF assembled in memory, once) does not come on top of it. A
/// 1,580-page document's peak falls by about 10 MB for 5 ms (docs/scaling.md); a short one
/// frees too little to be worth the call.
fn hand_back_freed_memory(pages: usize) {
    if pages < LONG_DOCUMENT_PAGES {
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory the allocator holds; it touches
    // nothing in use, and may be called from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The cores this process may use (its cgroup's share), asked once.
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// This PDF counted among those being written, for as long as it lives.
struct Writing {
    /// How many others were being written when this one started.
    others: usize,
}

impl Writing {
    fn start() -> Writing {
        Writing {
            others: WRITING.fetch_add(1, Ordering::SeqCst),
        }
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        WRITING.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drawing beside layout and after it write the same bytes, for a document of many
    /// pages with notes carried over pages.
    #[test]
    fn side_by_side_and_one_after_the_other_write_the_same_bytes() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/long/long-report-1925.toml"
        );
        let read = crate::read::read_file(std::path::Path::new(path)).unwrap();
        let style = crate::style::Style::load(None, None).unwrap();
        let fonts = crate::layout::font::for_style(&style).unwrap();
        let meta = Meta {
            title: "t".into(),
            authors: vec![],
            subject: String::new(),
            keywords: String::new(),
            lang: "ru".into(),
            date: None,
            standards: vec![],
            sources: vec![],
        };
        let lay = |sink: PageSink<'_>| {
            crate::layout::volume::document_pages_to(&read.document, &style, Some(sink))
        };
        let (beside, laid) = side_by_side(fonts, &meta, lay).unwrap();
        let (after, _) = one_after_the_other(fonts, &meta, lay).unwrap();
        let (beside, after) = (beside.unwrap(), after.unwrap());
        assert!(laid.pages.is_empty() && beside.len() > 100_000);
        assert!(beside == after, "the two ways wrote different bytes");
    }
}
