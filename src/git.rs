//! A file as git has it at a revision, for `paragraf diff REVISION FILE`. git is run as a
//! program; nothing a user types reaches it as an option.

use std::path::Path;
use std::process::Command;

use crate::model::files::io_message;

/// The text of `file` at git revision `revision`. The revision is passed after
/// `--end-of-options`, so that nothing a user types is read as an option to git, and the
/// path relative to the repository, so that an absolute path works too.
pub fn revision_text(revision: &str, file: &Path) -> Result<String, String> {
    if revision.starts_with('-') {
        return Err(format!("`{revision}` är ingen git-revision"));
    }
    let real = file
        .canonicalize()
        .map_err(|e| format!("{} {}", file.display(), io_message(&e)))?;
    let folder = real.parent().unwrap_or(Path::new("/"));
    let top = git(folder, &["rev-parse", "--show-toplevel"])?;
    let relative = real
        .strip_prefix(top.trim_end())
        .map_err(|_| format!("{} ligger inte i git-förrådet", file.display()))?;
    let spec = format!("{revision}:{}", relative.display());
    git(folder, &["show", "--end-of-options", &spec])
}

/// What `git ARGS` prints, run in `folder`; git's own message when it fails.
fn git(folder: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(folder)
        .output()
        .map_err(|e| format!("git kan inte köras: {}", io_message(&e)))?;
    if !output.status.success() {
        return Err(format!(
            "git: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| "git gav en text som inte är UTF-8".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A repository in a fresh folder with `file` committed as `first`, then changed to
    /// `second` in the work tree.
    fn repository(first: &str, second: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let run = |args: &[&str]| {
            let status = Command::new("git")
                .args(args)
                .current_dir(dir.path())
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .status()
                .unwrap_or_else(|e| panic!("git: {e}"));
            assert!(status.success(), "git {args:?}");
        };
        let file = dir.path().join("ärende.yaml");
        run(&["init", "-q"]);
        std::fs::write(&file, first).unwrap_or_else(|e| panic!("{e}"));
        run(&["add", "ärende.yaml"]);
        run(&[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "commit",
            "-qm",
            "ett",
        ]);
        std::fs::write(&file, second).unwrap_or_else(|e| panic!("{e}"));
        (dir, file)
    }

    #[test]
    fn the_text_at_a_revision_is_the_committed_one_not_the_work_trees() {
        let (_dir, file) = repository("rubrik: Förr\n", "rubrik: Nu\n");
        assert_eq!(
            revision_text("HEAD", &file).as_deref(),
            Ok("rubrik: Förr\n")
        );
    }

    #[test]
    fn an_option_is_no_revision_and_an_unknown_revision_is_gits_message() {
        let (_dir, file) = repository("a: 1\n", "a: 2\n");
        let option = revision_text("--output=/tmp/x", &file);
        assert_eq!(
            option,
            Err("`--output=/tmp/x` är ingen git-revision".to_owned())
        );
        let unknown = revision_text("ingen-sådan", &file).unwrap_err();
        assert!(unknown.starts_with("git: "), "{unknown}");
    }

    #[test]
    fn a_file_outside_any_repository_is_said_to_be_so() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("x.yaml");
        std::fs::write(&file, "a: 1\n").unwrap_or_else(|e| panic!("{e}"));
        let error = revision_text("HEAD", &file).unwrap_err();
        assert!(error.starts_with("git: "), "{error}");
    }
}
