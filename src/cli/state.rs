//! What earlier runs made, for `--changed-only`: a small JSON file in the output directory
//! (`.cjkdoc-state.json`), written atomically at the end of every run into `--out-dir`.
//!
//! An input is skipped when its entry was made by this cjkdoc version with the same
//! options (a fingerprint of everything that changes the output bytes), its modification
//! time is the one recorded, and every output it made still exists, no older than the
//! input. Entries of inputs not in this run (another shard's, say) are kept.

use super::output::write_file;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The file name of the state, in the output directory.
pub const FILE_NAME: &str = ".cjkdoc-state.json";

/// The state file's format version.
const VERSION: u32 = 1;

/// One output as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Made {
    /// Its path, as the run wrote it.
    pub path: String,
    /// Its format name.
    pub format: String,
    /// Its size.
    pub bytes: u64,
    /// Its SHA-256, hex.
    pub sha256: String,
}

/// What one input made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The options fingerprint (with the cjkdoc version) it was made with.
    pub fingerprint: String,
    /// The input's modification time then, in nanoseconds since the Unix epoch.
    pub input_mtime_ns: u128,
    /// The outputs.
    pub outputs: Vec<Made>,
}

/// The state: entries by input path.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct State {
    version: u32,
    /// The entries, by the input's path as the run named it.
    pub inputs: BTreeMap<String, Entry>,
}

/// Nanoseconds since the epoch of a modification time.
pub fn mtime_ns(t: SystemTime) -> u128 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

impl State {
    /// The state in `dir`; an absent, unreadable or outdated file is an empty state (so
    /// everything is converted), with the reason when the file was there but unusable.
    pub fn load(dir: &Path) -> (State, Option<String>) {
        let path = dir.join(FILE_NAME);
        let empty = State {
            version: VERSION,
            ..State::default()
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(_) => return (empty, None),
        };
        match serde_json::from_slice::<State>(&bytes) {
            Ok(s) if s.version == VERSION => (s, None),
            Ok(_) => (empty, None),
            Err(e) => (
                empty,
                Some(format!(
                    "{}: not a cjkdoc state file ({e}); converting everything",
                    path.display()
                )),
            ),
        }
    }

    /// The entry of `input` if its outputs are up to date: same fingerprint, same input
    /// modification time, the same output paths, each present and no older than the input.
    pub fn fresh(
        &self,
        input: &Path,
        key: &str,
        fingerprint: &str,
        outputs: &[String],
    ) -> Option<&Entry> {
        let entry = self.inputs.get(key)?;
        let input_time = modified(input)?;
        if entry.fingerprint != fingerprint
            || entry.input_mtime_ns != mtime_ns(input_time)
            || !entry.outputs.iter().map(|o| &o.path).eq(outputs.iter())
        {
            return None;
        }
        let all_there = entry
            .outputs
            .iter()
            .all(|o| modified(Path::new(&o.path)).is_some_and(|t| t >= input_time));
        all_there.then_some(entry)
    }

    /// Record what `key` made.
    pub fn record(&mut self, key: String, entry: Entry) {
        self.inputs.insert(key, entry);
    }

    /// Write the state into `dir`, merged over what is there now (another run into the
    /// same directory may have recorded its inputs meanwhile): this run's entries win, and
    /// the `forgotten` inputs (they failed: convert them next time) go from both.
    pub fn save(mut self, dir: &Path, forgotten: &[String]) -> std::io::Result<PathBuf> {
        let (mut merged, _) = State::load(dir);
        for key in forgotten {
            self.inputs.remove(key);
            merged.inputs.remove(key);
        }
        merged.inputs.extend(self.inputs);
        merged.version = VERSION;
        let path = dir.join(FILE_NAME);
        let mut text = serde_json::to_string_pretty(&merged).map_err(std::io::Error::other)?;
        text.push('\n');
        write_file(&path, text.as_bytes())?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_fresh_until_the_input_or_options_change_or_an_output_goes() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.txt");
        let output = dir.path().join("a.pdf");
        std::fs::write(&input, "x").unwrap();
        std::fs::write(&output, "pdf").unwrap();
        let entry = Entry {
            fingerprint: "f1".into(),
            input_mtime_ns: mtime_ns(modified(&input).unwrap()),
            outputs: vec![Made {
                path: output.display().to_string(),
                format: "pdf".into(),
                bytes: 3,
                sha256: String::new(),
            }],
        };
        let mut state = State::default();
        state.record("a.txt".into(), entry);
        state.clone().save(dir.path(), &[]).unwrap();
        let (state, why) = State::load(dir.path());
        assert_eq!(why, None);
        let outs = [output.display().to_string()];
        assert!(state.fresh(&input, "a.txt", "f1", &[]).is_none());
        assert!(state.fresh(&input, "a.txt", "f1", &outs).is_some());
        assert!(state.fresh(&input, "a.txt", "f2", &outs).is_none());
        assert!(state.fresh(&input, "b.txt", "f1", &outs).is_none());
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&input)
            .unwrap()
            .set_modified(later)
            .unwrap();
        assert!(state.fresh(&input, "a.txt", "f1", &outs).is_none());

        std::fs::write(dir.path().join(FILE_NAME), "{not json").unwrap();
        let (state, why) = State::load(dir.path());
        assert!(state.inputs.is_empty());
        assert!(why.unwrap().contains("not a cjkdoc state file"));
    }
}
