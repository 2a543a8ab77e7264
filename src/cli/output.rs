//! Writing results: stdout, colour, and atomic output files and directories.
//!
//! Output files are written to a temporary file or directory beside the target and renamed
//! into place, so a failed run leaves no partial output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::cleanup;
use super::error::{CliError, ExitCode};

/// Whether to colour terminal output: stdout is a terminal and `NO_COLOR` is unset or empty.
pub(super) fn use_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    !no_color && std::io::stdout().is_terminal()
}

/// Prints a result to stdout; a closed pipe (`| head`) is not an error.
pub(super) fn print_stdout(text: &str) -> Result<(), CliError> {
    print_stdout_bytes(text.as_bytes())
}

/// Prints raw result bytes to stdout; a closed pipe is not an error.
pub(super) fn print_stdout_bytes(mut bytes: &[u8]) -> Result<(), CliError> {
    copy_to_stdout(&mut bytes)
}

/// Copies a reader to stdout; a reader of stdout that went away (`| head`) is not an error.
pub(super) fn copy_to_stdout(reader: &mut impl std::io::Read) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    match std::io::copy(reader, &mut stdout).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(CliError::worded(ExitCode::CannotWrite, |lang| match lang {
            crate::render::Lang::Da => format!(
                "kan ikke skrive til standard output: {}",
                crate::render::io_error_text(&error, lang)
            ),
            crate::render::Lang::En => format!("cannot write to stdout: {error}"),
        })),
    }
}

/// A value as pretty JSON text ending in a newline.
pub(super) fn json_text<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    let mut json = serde_json::to_string_pretty(value).map_err(|error| {
        CliError::said(
            ExitCode::Internal,
            format!("intern fejl: JSON kan ikke skrives ({error})"),
            format!("cannot encode JSON: {error}"),
        )
    })?;
    json.push('\n');
    Ok(json)
}

/// Rows (header first) as CSV text; callers escape formula-leading cells.
pub(super) fn csv_text<R, C>(rows: impl IntoIterator<Item = R>) -> Result<String, CliError>
where
    R: IntoIterator<Item = C>,
    C: AsRef<[u8]>,
{
    let csv_error = |error: String| {
        CliError::said(
            ExitCode::Internal,
            format!("intern fejl: CSV kan ikke skrives ({error})"),
            format!("cannot write CSV: {error}"),
        )
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer
            .write_record(row)
            .map_err(|error| csv_error(error.to_string()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv_error(error.to_string()))?;
    String::from_utf8(bytes).map_err(|error| csv_error(error.to_string()))
}

/// A progress line on stderr for work that takes more than about a second, shown only when
/// stderr is a terminal.
pub(super) struct Progress {
    label: &'static str,
    total: usize,
    done: AtomicUsize,
    start: Instant,
    enabled: bool,
    shown: AtomicBool,
}

impl Progress {
    pub(super) fn new(label: &'static str, total: usize) -> Self {
        Progress {
            label,
            total,
            done: AtomicUsize::new(0),
            start: Instant::now(),
            enabled: std::io::stderr().is_terminal(),
            shown: AtomicBool::new(false),
        }
    }

    /// Counts `n` more units done; redraws at most every 1/64 of the work after a second.
    pub(super) fn advance(&self, n: usize) {
        let done = self.done.fetch_add(n, Ordering::Relaxed) + n;
        let step = (self.total / 64).max(1);
        if self.enabled && done % step == 0 && self.start.elapsed() > Duration::from_secs(1) {
            self.shown.store(true, Ordering::Relaxed);
            eprint!("\r{}: {done}/{}", self.label, self.total);
        }
    }

    /// Clears the line if anything was drawn.
    pub(super) fn finish(&self) {
        if self.shown.load(Ordering::Relaxed) {
            eprint!("\r{}\r", " ".repeat(self.label.len() + 24));
        }
    }
}

fn cannot_write(path: &Path, error: std::io::Error) -> CliError {
    CliError::worded(ExitCode::CannotWrite, |lang| match lang {
        crate::render::Lang::Da => format!(
            "kan ikke skrive {}: {}",
            path.display(),
            crate::render::io_error_text(&error, lang)
        ),
        crate::render::Lang::En => format!("cannot write {}: {error}", path.display()),
    })
}

/// A result written beside its target and not yet in place: [`Staged::commit`] renames it
/// in; dropping it removes it. Lets a command check that its output can be written before it
/// records the access, and give the result only after the record.
pub(super) struct Staged {
    path: PathBuf,
    target: StagedTarget,
    /// The temporary file is removed if a signal stops the process before the commit.
    _cleanup: Option<cleanup::Registered>,
}

enum StagedTarget {
    /// A temporary file beside a regular target.
    File(tempfile::NamedTempFile),
    /// A device or FIFO, opened for writing; the bytes are written at commit.
    Device(std::fs::File, Vec<u8>),
}

/// Stages `bytes` for `path` (see [`Staged`]).
pub(super) fn stage_file(path: &Path, bytes: &[u8]) -> Result<Staged, CliError> {
    // A device or FIFO (`/dev/null`, `/dev/stdout`, a pipe) is written into, never renamed
    // over: replacing `/dev/null` with a file would break the system.
    if std::fs::metadata(path).is_ok_and(|meta| !meta.is_file() && !meta.is_dir()) {
        let target = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|error| cannot_write(path, error))?;
        return Ok(Staged {
            path: path.to_path_buf(),
            target: StagedTarget::Device(target, bytes.to_vec()),
            _cleanup: None,
        });
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let (mut file, cleanup) = cleanup::create_registered(
        || {
            tempfile::Builder::new()
                .prefix(".placematch-")
                .tempfile_in(folder)
        },
        |file| file.path(),
    )
    .map_err(|error| cannot_write(path, error))?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(|error| cannot_write(path, error))?;
    Ok(Staged {
        path: path.to_path_buf(),
        target: StagedTarget::File(file),
        _cleanup: Some(cleanup),
    })
}

impl Staged {
    /// Puts the result in place.
    pub(super) fn commit(self) -> Result<(), CliError> {
        match self.target {
            StagedTarget::File(file) => cleanup::uninterrupted(|| file.persist(&self.path))
                .map(|_| ())
                .map_err(|error| cannot_write(&self.path, error.error)),
            StagedTarget::Device(mut target, bytes) => target
                .write_all(&bytes)
                .and_then(|()| target.flush())
                .map_err(|error| cannot_write(&self.path, error)),
        }
    }
}

/// Writes a set of files into `out` atomically per file, all or nothing as far as the file
/// system allows:
/// 1. `fill` writes every file into a fresh temporary directory beside (or inside) `out`;
/// 2. `check` inspects the finished directory (e.g. validates it);
/// 3. only then is each file renamed into `out`.
///
/// Without `force`, existing files named in `names` are never replaced. A failure in any
/// step removes the temporary directory and leaves `out` as it was.
pub(super) fn write_dir_atomically(
    out: &Path,
    names: &[&str],
    force: bool,
    fill: impl FnOnce(&Path) -> std::io::Result<()>,
    check: impl FnOnce(&Path) -> Result<(), CliError>,
) -> Result<(), CliError> {
    if out.exists() && !out.is_dir() {
        return Err(CliError::said(
            ExitCode::CannotWrite,
            format!(
                "kan ikke skrive {}: findes og er ikke en mappe",
                out.display()
            ),
            format!(
                "cannot write {}: exists and is not a directory",
                out.display()
            ),
        ));
    }
    let existing: Vec<PathBuf> = names
        .iter()
        .map(|name| out.join(name))
        .filter(|path| path.exists())
        .collect();
    if !existing.is_empty() && !force {
        return Err(CliError::said(
            ExitCode::CannotWrite,
            format!(
                "kan ikke skrive {}: filen findes; brug --force for at erstatte datasættets filer",
                existing[0].display()
            ),
            format!(
                "cannot write {}: file exists; pass --force to replace the dataset files",
                existing[0].display()
            ),
        ));
    }

    let out_exists = out.is_dir();
    let parent = if out_exists {
        out.to_path_buf()
    } else {
        match out.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        }
    };
    let (staging, _cleanup) = cleanup::create_registered(
        || {
            tempfile::Builder::new()
                .prefix(".placematch-")
                .tempdir_in(&parent)
        },
        |dir| dir.path(),
    )
    .map_err(|error| cannot_write(&parent, error))?;
    fill(staging.path()).map_err(|error| cannot_write(out, error))?;
    check(staging.path())?;

    if out_exists {
        cleanup::uninterrupted(|| swap_in(staging.path(), out, names))?;
        // The staging directory holds only the old files now; dropping it removes them.
    } else {
        let staging = staging.keep();
        if let Err(error) = cleanup::uninterrupted(|| std::fs::rename(&staging, out)) {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(cannot_write(out, error));
        }
    }
    Ok(())
}

/// Moves the files `names` from `staging` into `out`, all or none: the old files are first
/// moved aside into `staging/old`, then the new ones moved in; if any move fails, every move
/// made so far is undone in reverse order, so `out` keeps its old files.
fn swap_in(staging: &Path, out: &Path, names: &[&str]) -> Result<(), CliError> {
    let aside = staging.join("old");
    std::fs::create_dir_all(&aside).map_err(|error| cannot_write(out, error))?;
    // (from, to) of every move done, to undo them.
    let mut done: Vec<(PathBuf, PathBuf)> = Vec::new();
    let undo = |done: &mut Vec<(PathBuf, PathBuf)>| {
        while let Some((from, to)) = done.pop() {
            let _ = std::fs::rename(&to, &from);
        }
    };
    let mut moves: Vec<(PathBuf, PathBuf)> = names
        .iter()
        .map(|name| (out.join(name), aside.join(name)))
        .filter(|(from, _)| from.exists())
        .collect();
    moves.extend(
        names
            .iter()
            .map(|name| (staging.join(name), out.join(name))),
    );
    for (from, to) in moves {
        if let Err(error) = std::fs::rename(&from, &to) {
            undo(&mut done);
            return Err(cannot_write(&to, error));
        }
        done.push((from, to));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A failed move in the middle leaves every old file in place (issue 13, item 9): here
    /// the second new file is missing from staging, so its move fails after the first.
    #[test]
    fn a_failed_swap_restores_the_old_files() {
        let root = tempfile::tempdir().expect("temp dir");
        let out = root.path().join("out");
        std::fs::create_dir(&out).expect("out");
        for name in ["a.csv", "b.csv"] {
            std::fs::write(out.join(name), "old").expect("old");
        }
        let staging = root.path().join("staging");
        std::fs::create_dir(&staging).expect("staging");
        std::fs::write(staging.join("a.csv"), "new").expect("new");
        assert!(swap_in(&staging, &out, &["a.csv", "b.csv"]).is_err());
        for name in ["a.csv", "b.csv"] {
            assert_eq!(
                std::fs::read_to_string(out.join(name)).expect("read"),
                "old",
                "{name}"
            );
        }
        std::fs::write(staging.join("b.csv"), "new").expect("new");
        swap_in(&staging, &out, &["a.csv", "b.csv"]).expect("swaps");
        for name in ["a.csv", "b.csv"] {
            assert_eq!(
                std::fs::read_to_string(out.join(name)).expect("read"),
                "new"
            );
        }
    }

    #[test]
    fn a_device_is_written_into_not_replaced() {
        stage_file(Path::new("/dev/null"), b"result")
            .and_then(Staged::commit)
            .expect("writes");
        let meta = std::fs::metadata("/dev/null").expect("still there");
        assert!(!meta.is_file(), "/dev/null is still a device");
    }

    fn fill(dir: &Path) -> std::io::Result<()> {
        std::fs::write(dir.join("a.csv"), "new")
    }

    #[test]
    fn a_failed_check_leaves_nothing() {
        let root = tempfile::tempdir().expect("temp dir");
        let out = root.path().join("out");
        let result = write_dir_atomically(&out, &["a.csv"], false, fill, |_| {
            Err(CliError::new(ExitCode::Internal, "check failed"))
        });
        assert!(result.is_err());
        assert!(!out.exists());
        assert_eq!(std::fs::read_dir(root.path()).expect("list").count(), 0);
    }

    #[test]
    fn existing_files_need_force() {
        let root = tempfile::tempdir().expect("temp dir");
        std::fs::write(root.path().join("a.csv"), "old").expect("write");
        std::fs::write(root.path().join("README.md"), "keep").expect("write");
        let result = write_dir_atomically(root.path(), &["a.csv"], false, fill, |_| Ok(()));
        assert_eq!(
            result.map_err(|error| error.code).unwrap_err(),
            ExitCode::CannotWrite
        );
        write_dir_atomically(root.path(), &["a.csv"], true, fill, |_| Ok(())).expect("forced");
        assert_eq!(
            std::fs::read_to_string(root.path().join("a.csv")).expect("read"),
            "new"
        );
        assert_eq!(
            std::fs::read_to_string(root.path().join("README.md")).expect("read"),
            "keep"
        );
        let leftovers = std::fs::read_dir(root.path()).expect("list").count();
        assert_eq!(leftovers, 2, "the staging directory is removed");
    }
}
