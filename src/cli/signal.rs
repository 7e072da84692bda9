//! Ctrl-C, and the signals that end a process (SIGTERM, SIGHUP): a batch
//! stops between files (each file is old or new); any other command stops
//! at once. Either way no temporary file is left behind: the ones being
//! written are listed here and removed before the process ends.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set when a signal came.
static STOP: AtomicBool = AtomicBool::new(false);
/// Set while a batch runs: the first signal lets it finish its files.
static BATCH: AtomicBool = AtomicBool::new(false);
/// The temporary files that exist now.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The exit code of a process ended by Ctrl-C (128 + SIGINT).
const INTERRUPTED: i32 = 130;

/// Catch the signals (once, at start).
pub fn install() {
    // a handler already set (a library caller's) is left as it is
    let _ = ctrlc::set_handler(|| {
        let again = STOP.swap(true, Ordering::SeqCst);
        if again || !BATCH.load(Ordering::SeqCst) {
            clean_up();
            std::process::exit(INTERRUPTED);
        }
    });
}

/// Whether a signal asked to stop.
pub fn stopped() -> bool {
    STOP.load(Ordering::SeqCst)
}

/// Mark a batch as running (or not): the first signal then only stops it
/// between files.
pub fn batch(running: bool) {
    BATCH.store(running, Ordering::SeqCst);
}

/// A temporary file is about to exist at `path`.
pub fn remember(path: &Path) {
    if let Ok(mut list) = TEMPORARIES.lock() {
        list.push(path.to_path_buf());
    }
}

/// The temporary file at `path` is gone or published.
pub fn forget(path: &Path) {
    if let Ok(mut list) = TEMPORARIES.lock()
        && let Some(at) = list.iter().rposition(|p| p == path)
    {
        list.swap_remove(at);
    }
}

fn clean_up() {
    if let Ok(list) = TEMPORARIES.lock() {
        for path in list.iter() {
            let _ = std::fs::remove_file(path);
        }
    }
}
