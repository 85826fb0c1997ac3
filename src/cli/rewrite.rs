//! `--write`: replacing a file with its restored text.
//!
//! The new text goes to a temporary file in the same directory, which gets
//! the original's permissions (and owner, where the user may give it) and
//! is renamed over it, so a crash leaves the old file or the new one,
//! never half of either. Around that:
//!
//! - a symbolic link is followed: the file it points to is rewritten, the
//!   link stays a link;
//! - a file with hard links is written in place (truncated and rewritten),
//!   so every name still shows the same file; that write is not atomic;
//! - a file the user may not write (no write permission for anyone, or
//!   refused when opened for writing) is left alone and reported: a rename
//!   would replace it anyway, since renaming needs only the directory.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// The file a rewrite of `path` replaces: `path` itself, or the file its
/// symbolic links lead to.
fn target(path: &Path) -> io::Result<PathBuf> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        std::fs::canonicalize(path)
    } else {
        Ok(path.to_path_buf())
    }
}

/// An error unless the user may write the file at `path`.
fn check_writable(path: &Path, metadata: &Metadata) -> io::Result<()> {
    let refused = || {
        io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only: left unchanged",
        )
    };
    if metadata.permissions().readonly() {
        return Err(refused());
    }
    match OpenOptions::new().write(true).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Err(refused()),
        Err(e) => Err(e),
    }
}

/// A temporary file beside the file a rewrite of `path` replaces, once
/// that file is known to be writable.
pub(crate) fn temp_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let target = target(path)?;
    check_writable(&target, &std::fs::metadata(&target)?)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    tempfile::NamedTempFile::new_in(dir)
}

/// Puts the contents of `tmp` (made by [`temp_beside`]) in place of the
/// file at `path`, as the module documentation describes.
pub(crate) fn persist(mut tmp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    let target = target(path)?;
    let metadata = std::fs::metadata(&target)?;
    check_writable(&target, &metadata)?;
    tmp.as_file().sync_all()?;
    if links(&metadata) > 1 {
        let mut file = OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&target)?;
        tmp.as_file_mut().seek(SeekFrom::Start(0))?;
        io::copy(tmp.as_file_mut(), &mut file)?;
        return file.sync_all();
    }
    keep_owner(tmp.as_file(), &metadata);
    tmp.as_file().set_permissions(metadata.permissions())?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn links(metadata: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(metadata)
}

#[cfg(not(unix))]
fn links(_: &Metadata) -> u64 {
    1
}

/// Gives `file` the owner and group of the original, as far as the user
/// may (the group alone when the owner cannot be given away).
#[cfg(unix)]
fn keep_owner(file: &File, original: &Metadata) {
    use std::os::unix::fs::{fchown, MetadataExt};
    if fchown(file, Some(original.uid()), Some(original.gid())).is_err() {
        let _ = fchown(file, None, Some(original.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &Metadata) {}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    fn rewrite(path: &Path, text: &str) -> io::Result<()> {
        let mut tmp = temp_beside(path)?;
        tmp.write_all(text.as_bytes())?;
        persist(tmp, path)
    }

    #[test]
    fn a_link_is_followed_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let (file, link) = (dir.path().join("a.txt"), dir.path().join("l.txt"));
        std::fs::write(&file, "old").unwrap();
        std::os::unix::fs::symlink("a.txt", &link).unwrap();
        rewrite(&link, "new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
    }

    #[test]
    fn hard_links_stay_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&a, "old text").unwrap();
        std::fs::hard_link(&a, &b).unwrap();
        let inode = std::fs::metadata(&a).unwrap().ino();
        rewrite(&a, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "new");
        assert_eq!(std::fs::metadata(&a).unwrap().ino(), inode);
    }

    #[test]
    fn a_read_only_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = rewrite(&file, "new").unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "old");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn permissions_and_owner_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let before = std::fs::metadata(&file).unwrap();
        rewrite(&file, "new").unwrap();
        let after = std::fs::metadata(&file).unwrap();
        assert_eq!(after.mode() & 0o7777, 0o640);
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    }
}
