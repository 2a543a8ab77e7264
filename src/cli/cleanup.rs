//! Temporary files and folders removed when the process is stopped by a signal.
//!
//! A command that writes its result beside the target first (see [`super::output::Staged`])
//! creates and registers the temporary path here ([`create_registered`]). The first registration installs a handler for SIGINT,
//! SIGTERM and SIGHUP that removes every registered path and exits with 128 + the signal,
//! as the shell would report it. Renames that put results in place run inside
//! [`uninterrupted`], so a signal never stops a set of moves half-way: the handler waits for
//! them to finish. Commands that never write a file (and `serve`, which has its own handling)
//! keep the default behaviour.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// Paths to remove when a signal stops the process.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static INSTALL: Once = Once::new();

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the lock was held leaves the list as it was: still worth using.
    PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Removes the path from the list when dropped: the path was put in place or removed.
#[must_use = "the path is forgotten when the guard is dropped"]
pub(super) struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        pending().retain(|path| path != &self.0);
    }
}

/// Creates a temporary file or folder with `create` and registers its path, with the list
/// locked throughout: a signal that arrives meanwhile is handled once the path is on the
/// list, so nothing created here is ever left behind.
pub(super) fn create_registered<T>(
    create: impl FnOnce() -> std::io::Result<T>,
    path_of: impl Fn(&T) -> &Path,
) -> std::io::Result<(T, Registered)> {
    install();
    let mut list = pending();
    let created = create()?;
    let path = path_of(&created).to_path_buf();
    list.push(path.clone());
    Ok((created, Registered(path)))
}

/// Runs `moves` (renames that put results in place) without a signal handler running in the
/// middle: a signal that arrives meanwhile is handled after.
pub(super) fn uninterrupted<T>(moves: impl FnOnce() -> T) -> T {
    let _held = pending();
    moves()
}

fn remove_all(paths: &[PathBuf]) {
    for path in paths {
        // Already moved into place or removed: nothing to do.
        let _ = match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
            Ok(_) => std::fs::remove_file(path),
            Err(_) => Ok(()),
        };
    }
}

fn install() {
    INSTALL.call_once(|| {
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            // Without a handler the default stays: the process ends, the file may remain.
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                remove_all(&pending());
                std::process::exit(128 + signal);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_paths_are_forgotten_when_their_guard_drops() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("a");
        let (file, guard) = create_registered(
            || std::fs::write(&file, "x").map(|()| file.clone()),
            |path| path.as_path(),
        )
        .expect("write");
        assert!(pending().contains(&file));
        drop(guard);
        assert!(!pending().contains(&file));
        remove_all(&[file.clone(), dir.path().join("missing")]);
        assert!(!file.exists());
    }
}
