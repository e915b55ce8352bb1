//! Guards around the work on one document, so that nothing one input does takes the others
//! down: a panic becomes that input's error, the work runs on a thread whose stack size is
//! set (not left to the platform), and SIGINT/SIGTERM ask the batch to stop between
//! documents instead of killing it mid-write.

use crate::diag::{Code, Diagnostic, Error};
use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Once;

/// The stack of every thread that reads or writes a document. Input nesting is limited
/// (docs/limits.md) so that no walk comes near it; it is set explicitly because the
/// platform's default for spawned threads (2 MiB on Linux, 512 KiB on some systems) differs
/// from the main thread's.
pub const STACK_SIZE: usize = 32 << 20;

thread_local! {
    /// Whether this thread runs guarded work, whose panic message is kept, not printed.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// The last panic's message and place on this thread.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                let place = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{place}")));
            } else {
                default(info);
            }
        }));
    });
}

/// Runs `work` for the input `name`; a panic inside becomes an error naming the input and
/// asking for a bug report, instead of unwinding further.
pub fn catch<T>(name: &str, work: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    install_panic_hook();
    let was = GUARDED.with(|g| g.replace(true));
    let result = catch_unwind(AssertUnwindSafe(work));
    GUARDED.with(|g| g.set(was));
    result.unwrap_or_else(|_| {
        let what = PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "unknown panic".into());
        Err(Error::Invalid(vec![Diagnostic::error(
            Code::InternalError,
            name,
            format!("internal error: folio failed on this input ({what})"),
        )
        .hint("this is a bug in folio, not in the input: please report it with this input file attached")]))
    })
}

/// Runs `work` on a thread of [`STACK_SIZE`] and waits for it: the single-document paths
/// (`-o`, volumes) get the same stack as the batch's workers.
pub fn on_worker_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("folio-worker".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, work);
        match worker {
            Ok(handle) => match handle.join() {
                Ok(value) => value,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            // No thread to be had (resource limits): do the work here.
            Err(_) => unreachable_thread_fallback(),
        }
    })
}

#[cold]
fn unreachable_thread_fallback<T>() -> T {
    eprintln!("error: cannot start a worker thread (the system refused it); hint: raise the process's thread or memory limit");
    std::process::exit(3)
}

/// The signal that asked the run to stop (0: none yet).
static STOP_SIGNAL: AtomicUsize = AtomicUsize::new(0);
/// Set on the first SIGINT/SIGTERM; arms the immediate exit on the second.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// Installs the SIGINT and SIGTERM handlers: the first signal asks the run to stop after the
/// documents being written; a second one exits at once (what is left behind then, the next
/// run removes).
pub fn install_signal_handlers() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        static INSTALLED: Once = Once::new();
        INSTALLED.call_once(|| {
            for signal in [SIGINT, SIGTERM] {
                // The immediate exit goes first: it acts only once STOPPING is set.
                let _ = signal_hook::flag::register_conditional_shutdown(
                    signal,
                    128 + signal,
                    &STOPPING,
                );
                let _ = signal_hook::flag::register_usize(signal, &STOP_SIGNAL, signal as usize);
                let _ = signal_hook::flag::register(signal, &STOPPING);
            }
        });
    }
}

/// The exit code a stop request asks for (130 for SIGINT, 143 for SIGTERM), if one came.
pub fn stop_requested() -> Option<i32> {
    match STOP_SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(128 + signal as i32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_the_inputs_error() {
        let e = catch::<()>("x.toml", || panic!("boom")).unwrap_err();
        let m = e.to_string();
        assert!(
            m.contains("x.toml") && m.contains("boom") && m.contains("report"),
            "{m}"
        );
        assert_eq!(e.exit_code(), 1);
    }

    #[test]
    fn the_worker_stack_holds_deep_recursion() {
        fn depth(n: u32) -> u32 {
            let pad = std::hint::black_box([0u8; 512]);
            if n == 0 {
                u32::from(pad[0])
            } else {
                depth(n - 1) + u32::from(pad[1])
            }
        }
        assert_eq!(on_worker_stack(|| depth(20_000)), 0);
    }
}
